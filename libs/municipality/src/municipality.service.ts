import {
  assertManages,
  BadUserInputException,
  isUniqueViolation,
  NotFoundException,
  Page,
  PageArgs,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './dto/municipality.input';
import { MunicipalityEntity } from './municipality.entity';
import { MunicipalityRepository } from './municipality.repository';

const CODE_TAKEN = 'この自治体コードは既に登録されています';

@Injectable()
export class MunicipalityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: MunicipalityRepository,
  ) {}

  async get(id: string): Promise<MunicipalityEntity> {
    const found = await this.municipalities.findById(id);
    if (!found) throw new NotFoundException('自治体', 'id');
    return found;
  }

  page(args: PageArgs): Promise<Page<MunicipalityEntity>> {
    return this.municipalities.page(args);
  }

  /**
   * For other domains: the municipality a new row will belong to must exist.
   * Reported against the caller's field name.
   */
  async requireExisting(
    id: string,
    em: EntityManager,
    field = 'municipalityId',
  ): Promise<MunicipalityEntity> {
    const found = await this.municipalities.findById(id, em);
    if (!found) throw BadUserInputException.field(field, '指定された自治体が見つかりません');
    return found;
  }

  async create(input: CreateMunicipalityInput): Promise<MunicipalityEntity> {
    try {
      return await this.dataSource.transaction(async (em) => {
        if (await this.municipalities.findByCode(input.code, em)) {
          throw BadUserInputException.field('code', CODE_TAKEN);
        }
        return this.municipalities.save(input, em);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'municipality_code_key'))
        throw BadUserInputException.field('code', CODE_TAKEN);
      throw error;
    }
  }

  async update(id: string, input: UpdateMunicipalityInput): Promise<MunicipalityEntity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.municipalities.findForUpdate(id, em);
      if (!current) throw new NotFoundException('自治体', 'id');
      assertManages(current.id);
      return this.municipalities.save({ ...current, ...input }, em);
    });
  }
}
