import {
  msg,
  OptionalEmail,
  OptionalPhone,
  OptionalText,
  PageArgs,
  RequiredText,
} from '@app/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Equals, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { HelpOfferStatus } from '../help-offer.entity';

@InputType({ description: "A resident's offer to help with one of a host organisation's needs." })
export class OfferHelpInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('募集'))
  needId!: string;

  @Field({ description: 'How the host should address the person (a nickname is fine).' })
  @RequiredText('お名前', 50)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'An e-mail address or a phone number, or both.',
  })
  @OptionalEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 平日の午前なら手伝えます' })
  @OptionalText('ひとこと', 1000)
  message?: string | null;

  @Field({ description: 'The person agrees that the host organisation receives these details.' })
  @Equals(true, { message: '団体に連絡先を伝えることへの同意が必要です' })
  agreed!: boolean;
}

@ArgsType()
export class HelpOffersArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Only this organisation's (hosts: one of theirs).",
  })
  @IsOptional()
  @IsUUID('all', msg.format('団体'))
  organizationId?: string;

  @Field(() => [HelpOfferStatus], {
    nullable: true,
    description: 'Default: those not yet answered (NEW, CONTACTED).',
  })
  @IsOptional()
  @IsEnum(HelpOfferStatus, { each: true, ...msg.oneOf('状況') })
  statuses?: HelpOfferStatus[];
}

@InputType()
export class AnswerHelpOfferInput {
  @Field(() => ID)
  @IsUUID('all', msg.format('申し出'))
  id!: string;

  @Field(() => HelpOfferStatus, {
    description: 'CONTACTED, or ACCEPTED / DECLINED, which erase the contact.',
  })
  @IsEnum(HelpOfferStatus, msg.oneOf('状況'))
  status!: HelpOfferStatus;
}
