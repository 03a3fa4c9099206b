import { Connection, Page, Public, Roles } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AnswerHelpOfferInput, HelpOffersArgs, OfferHelpInput } from './dto/help-offer.input';
import { HelpOfferService } from './help-offer.service';
import { HelpOfferModel, HelpOfferReceiptModel } from './models/help-offer.model';

const HelpOfferConnection = Connection(HelpOfferModel, 'HelpOffer');

@Resolver(() => HelpOfferModel)
export class HelpOfferResolver {
  constructor(private readonly service: HelpOfferService) {}

  @Public()
  @Mutation(() => HelpOfferReceiptModel, {
    description:
      'A resident offers to help with an open need; the host is told. A few offers an hour per address.',
  })
  offerHelp(@Args('input') input: OfferHelpInput): Promise<HelpOfferReceiptModel> {
    return this.service.offer(input);
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Query(() => HelpOfferConnection, {
    description:
      'Offers not yet answered, newest first (hosts: their own organisations’). Audited.',
  })
  helpOffers(@Args() args: HelpOffersArgs): Promise<Page<HelpOfferModel>> {
    return this.service.page(args);
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => HelpOfferModel, {
    description: 'Contacted; or accepted / declined, which end the offer and erase its contact.',
  })
  answerHelpOffer(@Args('input') input: AnswerHelpOfferInput): Promise<HelpOfferModel> {
    return this.service.answer(input);
  }
}
