import { IntInRange, msg, OptionalText } from '@app/common';
import { Field, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ScheduleFrequency } from '../catalog.enums';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

@InputType({ description: 'A recurring rule. Times are Japan time (Asia/Tokyo).' })
export class ScheduleInput {
  @Field(() => ScheduleFrequency)
  @IsEnum(ScheduleFrequency, msg.oneOf('繰り返し'))
  freq!: ScheduleFrequency;

  @Field(() => Int, {
    nullable: true,
    description: 'Every N weeks (WEEKLY) or N months (MONTHLY); default 1.',
  })
  @IsOptional()
  @IntInRange('間隔', 1, 52)
  interval?: number;

  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  @ArrayMinSize(1, msg.required('曜日'))
  @ArrayMaxSize(7, msg.range('曜日', 1, 7))
  @IsInt({ each: true, ...msg.range('曜日', 1, 7) })
  @Min(1, { each: true, ...msg.range('曜日', 1, 7) })
  @Max(7, { each: true, ...msg.range('曜日', 1, 7) })
  weekdays!: number[];

  @Field(() => [Int], {
    nullable: true,
    description: 'MONTHLY only: weeks of the month, 1–5, or -1 for the last.',
  })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsIn([-1, 1, 2, 3, 4, 5], {
    each: true,
    message: '第何週は1〜5、または最終週の-1で指定してください',
  })
  nth?: number[] | null;

  @Field({ description: 'HH:MM, Japan time.' })
  @Matches(TIME, msg.format('開始時刻', '10:00'))
  opensAt!: string;

  @Field({ description: 'HH:MM, Japan time; after opensAt.' })
  @Matches(TIME, msg.format('終了時刻', '12:00'))
  closesAt!: string;

  @Field({ description: 'YYYY-MM-DD; the rule starts here (and counts its interval from here).' })
  @Matches(DATE, msg.format('開始日', '2026-04-01'))
  validFrom!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; last day, if the rule ends.' })
  @IsOptional()
  @Matches(DATE, msg.format('終了日', '2027-03-31'))
  validTo?: string | null;

  @Field({
    nullable: true,
    description: 'Closed on Japanese public holidays (振替休日 included). Default true.',
  })
  @IsOptional()
  @IsBoolean()
  closedOnHolidays?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The schedule as people wrote it, e.g. 毎月第2土曜 午前.',
  })
  @OptionalText('日程の説明', 200)
  note?: string | null;
}

@InputType({ description: 'A one-off session.' })
export class SessionInput {
  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, msg.format('日付', '2026-05-16'))
  date!: string;

  @Field()
  @Matches(TIME, msg.format('開始時刻', '14:00'))
  opensAt!: string;

  @Field()
  @Matches(TIME, msg.format('終了時刻', '16:00'))
  closesAt!: string;

  @Field(() => String, { nullable: true })
  @OptionalText('メモ', 200)
  note?: string | null;
}

@InputType({ description: 'Days the resource is closed, e.g. 年末年始.' })
export class ClosureInput {
  @Field()
  @Matches(DATE, msg.format('休みの初日', '2026-12-29'))
  startsOn!: string;

  @Field()
  @Matches(DATE, msg.format('休みの最終日', '2027-01-03'))
  endsOn!: string;

  @Field(() => String, { nullable: true })
  @OptionalText('理由', 100)
  reason?: string | null;
}

export { DATE as DATE_PATTERN, TIME as TIME_PATTERN };
