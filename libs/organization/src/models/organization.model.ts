import { fromGeoJSONPoint, GeoPoint } from '@app/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { OrganizationType } from '../organization-type';
import type { OrganizationEntity } from '../organization.entity';

@ObjectType('Organization', { description: 'A host organisation (受け入れ先).' })
export class OrganizationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  nameKana!: string | null;

  @Field(() => OrganizationType)
  type!: OrganizationType;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  contactPerson!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => GeoPoint, { nullable: true })
  location!: GeoPoint | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Used by field resolvers; not exposed as fields. */
  municipalityId!: string;
  areaId!: string | null;

  static from(this: void, e: OrganizationEntity): OrganizationModel {
    return Object.assign(new OrganizationModel(), {
      id: e.id,
      name: e.name,
      nameKana: e.nameKana,
      type: e.type,
      description: e.description,
      phone: e.phone,
      email: e.email,
      website: e.website,
      contactPerson: e.contactPerson,
      postalCode: e.postalCode,
      address: e.address,
      location: fromGeoJSONPoint(e.location),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      municipalityId: e.municipalityId,
      areaId: e.areaId,
    });
  }
}
