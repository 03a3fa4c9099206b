import { Field, ID, ObjectType } from '@nestjs/graphql';
import { HostNeedKind } from '../catalog.enums';
import type { HostNeedEntity } from '../host-need.entity';

@ObjectType('HostNeed', {
  description: 'Something a host organisation needs: people, things, a place or money.',
})
export class HostNeedModel {
  @Field(() => ID) id!: string;
  @Field(() => HostNeedKind) kind!: HostNeedKind;
  @Field() description!: string;
  @Field() isOpen!: boolean;
  @Field() createdAt!: Date;

  /** Used by field resolvers; not exposed as fields. */
  organizationId!: string;
  resourceId!: string | null;

  static from(this: void, e: HostNeedEntity): HostNeedModel {
    return Object.assign(new HostNeedModel(), {
      id: e.id,
      kind: e.kind,
      description: e.description,
      isOpen: e.isOpen,
      createdAt: e.createdAt,
      organizationId: e.organizationId,
      resourceId: e.resourceId,
    });
  }
}
