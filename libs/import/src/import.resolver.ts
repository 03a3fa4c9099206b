import { ResourceKind } from '@app/catalog';
import { BadUserInputException, msg, RequestContext, RequiredText, Roles } from '@app/common';
import {
  Args,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { COLUMNS } from './catalog-sheet';
import { ImportRepository } from './import.repository';
import { ImportReport, ImportService, RowAction } from './import.service';

registerEnumType(RowAction, {
  name: 'ImportRowAction',
  description: 'What an import does (or, in a dry run, would do) with a row.',
});

/** Largest file an import reads: 10,000 rows of a municipal list are well under 10 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

@ObjectType()
class ImportColumn {
  @Field({ description: 'The key a mapping names.' }) key!: string;
  @Field({ description: 'The header the export writes.' }) header!: string;
  @Field(() => [String], { description: 'Other headers recognised as this column.' })
  aliases!: string[];
  @Field({ description: 'False for import-only helper columns (時間, 連絡先).' })
  exported!: boolean;
}

@ObjectType()
class ColumnMapping {
  @Field() header!: string;
  @Field(() => String, { nullable: true, description: 'Our column key; null: not read.' })
  column!: string | null;
}

@InputType()
class ColumnMappingInput {
  @Field()
  @IsString()
  @MaxLength(200)
  header!: string;

  @Field(() => String, { nullable: true, description: 'A key from `importColumns`; null: ignore.' })
  @IsOptional()
  @IsString()
  column?: string | null;
}

@ObjectType()
class ImportMapping {
  @Field() name!: string;
  @Field(() => [ColumnMapping]) columns!: ColumnMapping[];
  @Field(() => ResourceKind, { nullable: true }) defaultKind!: ResourceKind | null;
  @Field() updatedAt!: Date;
}

@ObjectType()
class CellProblemModel {
  @Field({ description: 'The column as the file names it.' }) column!: string;
  @Field() message!: string;
}

@ObjectType()
class ImportConflict {
  @Field() column!: string;
  @Field({ description: 'The value now, as a person edited it since the last import.' })
  current!: string;
  @Field() file!: string;
  @Field() overwritten!: boolean;
}

@ObjectType()
class ImportRowReport {
  @Field(() => Int, {
    description: 'The row number as Excel shows it (for an HSDS package: the service’s position).',
  })
  line!: number;
  @Field(() => RowAction) action!: RowAction;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => ID, { nullable: true }) resourceId!: string | null;
  @Field(() => [CellProblemModel]) errors!: CellProblemModel[];
  @Field(() => [CellProblemModel]) warnings!: CellProblemModel[];
  @Field(() => [String], { description: 'The columns an update changes.' }) changed!: string[];
  @Field(() => [ImportConflict]) conflicts!: ImportConflict[];
}

@ObjectType()
class ImportReportModel {
  @Field() dryRun!: boolean;
  @Field({ description: 'UTF-8, UTF-8 (BOM), Shift_JIS, UTF-16 or xlsx.' }) format!: string;
  @Field(() => Int) headerLine!: number;
  @Field(() => [ColumnMapping]) mapping!: ColumnMapping[];
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Rows where a host’s edit meets a change in the file.' })
  conflicts!: number;
  @Field(() => [ImportRowReport]) rows!: ImportRowReport[];
}

@InputType()
class ImportCatalogInput {
  @Field(() => ID, { nullable: true, description: 'Default: the signed-in user’s municipality.' })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string | null;

  @Field(() => [ColumnMappingInput], {
    nullable: true,
    description: 'Headers to map by hand; the others are recognised (名称, 住所, 緯度 …).',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInput)
  mapping?: ColumnMappingInput[];

  @Field(() => String, { nullable: true, description: 'A saved mapping to start from.' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '対応表の名前は50文字以内にしてください' })
  mappingName?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'For files without a 種類 column.' })
  @IsOptional()
  @IsEnum(ResourceKind, msg.oneOf('種類'))
  defaultKind?: ResourceKind | null;

  @Field({ defaultValue: true, description: 'Report only; write nothing. Default true.' })
  @IsBoolean()
  dryRun!: boolean;

  @Field({
    defaultValue: false,
    description: 'Write the file’s values even over fields a person edited since the last import.',
  })
  @IsBoolean()
  overwriteEdits!: boolean;
}

@InputType()
class SaveImportMappingInput {
  @Field()
  @RequiredText('対応表の名前', 50)
  name!: string;

  @Field(() => [ColumnMappingInput])
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ColumnMappingInput)
  columns!: ColumnMappingInput[];

  @Field(() => ResourceKind, { nullable: true })
  @IsOptional()
  @IsEnum(ResourceKind, msg.oneOf('種類'))
  defaultKind?: ResourceKind | null;
}

const asRecord = (columns: ColumnMappingInput[] | undefined) =>
  Object.fromEntries((columns ?? []).map((c) => [c.header, c.column ?? null]));

@Roles('ADMIN', 'COORDINATOR')
@Resolver()
export class ImportResolver {
  constructor(
    private readonly service: ImportService,
    private readonly mappings: ImportRepository,
  ) {}

  @Query(() => [ImportColumn], { description: 'The columns an import reads and an export writes.' })
  importColumns(): ImportColumn[] {
    return COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      aliases: c.aliases,
      exported: c.exported,
    }));
  }

  @Query(() => [ImportMapping], { description: 'Column mappings saved in this municipality.' })
  async importMappings(): Promise<ImportMapping[]> {
    const rows = await this.mappings.mappings(RequestContext.signedIn().municipalityId);
    return rows.map((m) => ({
      name: m.name,
      columns: Object.entries(m.columns).map(([header, column]) => ({ header, column })),
      defaultKind: m.defaultKind as ResourceKind | null,
      updatedAt: m.updatedAt,
    }));
  }

  @Mutation(() => ImportMapping, { description: 'Saves (or replaces) a named column mapping.' })
  async saveImportMapping(@Args('input') input: SaveImportMappingInput): Promise<ImportMapping> {
    const unknown = input.columns.filter(
      (c) => c.column && !COLUMNS.some((k) => k.key === c.column),
    );
    if (unknown.length)
      throw BadUserInputException.field(
        'columns',
        `対応先の列がありません: ${unknown.map((c) => c.column).join('、')}`,
      );
    const saved = await this.mappings.saveMapping({
      municipalityId: RequestContext.signedIn().municipalityId,
      name: input.name,
      columns: asRecord(input.columns),
      defaultKind: input.defaultKind ?? null,
    });
    return {
      name: saved.name,
      columns: Object.entries(saved.columns).map(([header, column]) => ({ header, column })),
      defaultKind: saved.defaultKind as ResourceKind | null,
      updatedAt: saved.updatedAt,
    };
  }

  @Mutation(() => Boolean)
  deleteImportMapping(@Args('name') name: string): Promise<boolean> {
    return this.mappings.deleteMapping(RequestContext.signedIn().municipalityId, name);
  }

  @Mutation(() => ImportReportModel, {
    description:
      'Imports organisations and listings from a CSV (UTF-8 or Shift_JIS) or .xlsx file, sent as a ' +
      'GraphQL multipart upload. A dry run (the default) reports row by row what would happen.',
  })
  async importCatalog(
    // Typed as the interface, not the Promise the upload arrives as: the validation pipe leaves it be.
    @Args({ name: 'file', type: () => GraphQLUpload }) file: FileUpload,
    @Args('input') input: ImportCatalogInput,
  ): Promise<ImportReport> {
    const bytes = await readUpload(await Promise.resolve(file));
    return this.service.run({
      municipalityId: input.municipalityId ?? RequestContext.signedIn().municipalityId,
      bytes,
      mapping: asRecord(input.mapping),
      mappingName: input.mappingName,
      defaultKind: input.defaultKind,
      dryRun: input.dryRun,
      overwriteEdits: input.overwriteEdits,
    });
  }
}

async function readUpload(file: FileUpload): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => BadUserInputException.field('file', 'ファイルが大きすぎます（20MBまで）');
  try {
    for await (const chunk of file.createReadStream()) {
      size += (chunk as Buffer).length;
      if (size > MAX_IMPORT_BYTES) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof BadUserInputException) throw e;
    // The upload broke off (the limit, or the connection): nothing is read from half a file.
    throw BadUserInputException.field('file', 'ファイルを最後まで受け取れませんでした（20MBまで）');
  }
  if (!size) throw BadUserInputException.field('file', 'ファイルが空です');
  return Buffer.concat(chunks);
}
