import { HostNeedKind } from '@app/catalog';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { HelpOfferStatus } from '../help-offer.entity';

registerEnumType(HelpOfferStatus, {
  name: 'HelpOfferStatus',
  description:
    'NEW, CONTACTED; ACCEPTED and DECLINED (the host) or EXPIRED (unanswered too long) end the offer and erase its contact.',
});

/** An offer as its host and the municipality's staff see it. */
@ObjectType('HelpOffer', { description: "A resident's offer to help with a host's need." })
export class HelpOfferModel {
  @Field(() => ID) id!: string;
  @Field(() => HelpOfferStatus) status!: HelpOfferStatus;
  @Field() createdAt!: Date;
  @Field(() => ID) organizationId!: string;
  @Field() organizationName!: string;
  @Field(() => ID) needId!: string;
  @Field(() => HostNeedKind) needKind!: HostNeedKind;
  @Field() needDescription!: string;
  @Field(() => String, { nullable: true, description: 'Null once the offer is answered (erased).' })
  name!: string | null;
  @Field(() => String, { nullable: true })
  email!: string | null;
  @Field(() => String, { nullable: true })
  phone!: string | null;
  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType('HelpOfferReceipt', { description: 'What the resident is told: where the offer went.' })
export class HelpOfferReceiptModel {
  @Field() organizationName!: string;
  @Field() needDescription!: string;
}
