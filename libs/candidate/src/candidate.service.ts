import { AuditAction, AuditService, purposeOf } from '@app/audit';
import {
  BadUserInputException,
  FieldCipher,
  FieldError,
  NotFoundException,
  Page,
  RequestContext,
  SignedInViewer,
  stripUndefined,
} from '@app/common';
import { TeamEntity, UserEntity, UserRole } from '@app/identity';
import { AreaService } from '@app/municipality';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CandidateEntity, CandidateStatus } from './candidate.entities';
import { CandidateRepository } from './candidate.repository';
import { CandidatesArgs, CreateCandidateInput, UpdateCandidateInput } from './dto/candidate.input';
import { CandidateModel } from './models/candidate.models';
import {
  CandidateProfile,
  coarsen,
  profileProblems,
  SupportPhase,
} from './profile/candidate-profile';

/** The encrypted fields of a candidate, each with the name its ciphertext is bound to. */
export const CANDIDATE_FIELDS = {
  realName: 'candidate.real_name',
  contact: 'candidate.contact',
  notes: 'candidate.notes',
  profile: 'candidate.profile',
} as const;

const ENTITY = 'candidate';

/**
 * Candidates kept by coordinators: a coordinator sees and changes their own team's, an admin the
 * whole municipality's; hosts never see this record. Every read and write is in the audit log.
 */
@Injectable()
export class CandidateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly cipher: FieldCipher,
    private readonly areas: AreaService,
    private readonly audit: AuditService,
  ) {}

  async get(id: string, purpose?: string | null): Promise<CandidateModel> {
    const viewer = RequestContext.signedIn();
    const found = await this.candidates.findVisible(id, viewer);
    if (!found) throw new NotFoundException('対象者', 'id');
    await this.audit.record({
      action: AuditAction.READ,
      entityType: ENTITY,
      entityId: id,
      subjectId: id,
      purpose: purposeOf(purpose, '対象者の確認'),
    });
    return this.toModel(found);
  }

  /** A page of candidates; each one listed is a read of that person's record. */
  async page(args: CandidatesArgs): Promise<Page<CandidateModel>> {
    const viewer = RequestContext.signedIn();
    const page = await this.candidates.page(
      viewer,
      args.status ?? CandidateStatus.ACTIVE,
      args.first,
      args.after,
    );
    await this.audit.record(
      page.edges.map((e) => ({
        action: AuditAction.LIST,
        entityType: ENTITY,
        entityId: e.node.id,
        subjectId: e.node.id,
        purpose: purposeOf(args.purpose, '対象者の一覧'),
      })),
    );
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: this.toModel(e.node) })) };
  }

  async create(input: CreateCandidateInput): Promise<CandidateModel> {
    const viewer = RequestContext.signedIn();
    return this.dataSource.transaction(async (em) => {
      const teamId = input.teamId ?? (viewer.kind === 'COORDINATOR' ? viewer.teamId : null);
      const coordinatorId =
        input.coordinatorId !== undefined
          ? input.coordinatorId
          : viewer.kind === 'COORDINATOR'
            ? viewer.userId
            : null;
      await this.checkPlacement(
        viewer,
        { teamId, coordinatorId, areaId: input.areaId ?? null },
        em,
      );
      await this.checkProfile(input.profile, em);
      const saved = await em.getRepository(CandidateEntity).save({
        municipalityId: viewer.municipalityId,
        teamId: teamId!,
        coordinatorId,
        areaId: input.areaId ?? null,
        alias: input.alias,
        ...this.encrypted(input),
      });
      await this.audit.record(
        {
          action: AuditAction.CREATE,
          entityType: ENTITY,
          entityId: saved.id,
          subjectId: saved.id,
          purpose: '対象者の登録',
        },
        em,
      );
      return this.toModel(saved);
    });
  }

  async update(id: string, input: UpdateCandidateInput): Promise<CandidateModel> {
    const viewer = RequestContext.signedIn();
    return this.dataSource.transaction(async (em) => {
      const current = await this.candidates.findVisible(id, viewer, em, true);
      if (!current) throw new NotFoundException('対象者', 'id');
      const placement = {
        teamId: current.teamId,
        coordinatorId:
          input.coordinatorId !== undefined ? input.coordinatorId : current.coordinatorId,
        areaId: input.areaId !== undefined ? input.areaId : current.areaId,
      };
      await this.checkPlacement(viewer, placement, em);
      await this.checkProfile(input.profile, em);
      const next = {
        ...current,
        ...stripUndefined({ alias: input.alias }),
        ...placement,
        ...this.encrypted(input),
      };
      const saved = await em.getRepository(CandidateEntity).save(next);
      await this.audit.record(
        {
          action: AuditAction.UPDATE,
          entityType: ENTITY,
          entityId: id,
          subjectId: id,
          purpose: '対象者の変更',
        },
        em,
      );
      return this.toModel(saved);
    });
  }

  /** Support has ended: the record leaves the lists but is kept (and can be read by its team). */
  async archive(id: string): Promise<CandidateModel> {
    const viewer = RequestContext.signedIn();
    return this.dataSource.transaction(async (em) => {
      const current = await this.candidates.findVisible(id, viewer, em, true);
      if (!current) throw new NotFoundException('対象者', 'id');
      current.status = CandidateStatus.ARCHIVED;
      const saved = await em.getRepository(CandidateEntity).save(current);
      await this.audit.record(
        {
          action: AuditAction.ARCHIVE,
          entityType: ENTITY,
          entityId: id,
          subjectId: id,
          purpose: '支援の終了',
        },
        em,
      );
      return this.toModel(saved);
    });
  }

  /**
   * For matching: the candidate with their decrypted profile, the read recorded with its purpose.
   * NOT_FOUND for a candidate the viewer may not see (another team's), as for one that does not exist.
   */
  async forMatching(
    id: string,
    purpose: string,
  ): Promise<{ candidate: CandidateEntity; profile: CandidateProfile }> {
    const found = await this.candidates.findVisible(id, RequestContext.signedIn());
    if (!found) throw new NotFoundException('対象者', 'candidateId');
    const profile = this.profileOf(found);
    if (!profile)
      throw BadUserInputException.field(
        'candidateId',
        'この対象者にはプロフィール（ペース・参加できる時間帯など）がまだありません。先に登録してください',
      );
    await this.audit.record({
      action: AuditAction.READ,
      entityType: ENTITY,
      entityId: id,
      subjectId: id,
      purpose,
    });
    return { candidate: found, profile };
  }

  /**
   * For reverse matching: the viewer's active candidates with profiles (a coordinator's team, an
   * admin's municipality), each read recorded with the purpose.
   */
  async allForMatching(
    purpose: string,
    limit = 500,
  ): Promise<{ candidate: CandidateEntity; profile: CandidateProfile }[]> {
    const found = await this.candidates.withProfiles(RequestContext.signedIn(), limit);
    await this.audit.record(
      found.map((c) => ({
        action: AuditAction.READ,
        entityType: ENTITY,
        entityId: c.id,
        subjectId: c.id,
        purpose,
      })),
    );
    return found.map((candidate) => ({ candidate, profile: this.profileOf(candidate)! }));
  }

  /** For other modules (consent, matching): the candidate if the viewer may see it. */
  async requireVisible(
    id: string,
    em?: EntityManager,
    field = 'candidateId',
  ): Promise<CandidateEntity> {
    const found = await this.candidates.findVisible(id, RequestContext.signedIn(), em);
    if (!found) throw BadUserInputException.field(field, '対象者が見つかりません');
    return found;
  }

  /** The profile, if given, passes its cross-field rules; every problem names its field. */
  private async checkProfile(profile: CandidateProfile | null | undefined, em: EntityManager) {
    if (!profile) return;
    const problems = profileProblems(profile, await this.candidates.themeCodes(em));
    if (problems.length) throw new BadUserInputException(problems);
  }

  private encrypted(input: {
    realName?: string | null;
    contact?: string | null;
    notes?: string | null;
    profile?: CandidateProfile | null;
  }) {
    const out: Partial<CandidateEntity> = {};
    if (input.realName !== undefined)
      out.realNameEncrypted = this.cipher.encryptOptional(
        input.realName,
        CANDIDATE_FIELDS.realName,
      );
    if (input.contact !== undefined)
      out.contactEncrypted = this.cipher.encryptOptional(input.contact, CANDIDATE_FIELDS.contact);
    if (input.notes !== undefined)
      out.notesEncrypted = this.cipher.encryptOptional(input.notes, CANDIDATE_FIELDS.notes);
    if (input.profile !== undefined) {
      const profile = input.profile && {
        ...input.profile,
        home: input.profile.home ? coarsen(input.profile.home) : null,
      };
      out.profileEncrypted = this.cipher.encryptOptional(
        profile && JSON.stringify(profile),
        CANDIDATE_FIELDS.profile,
      );
    }
    return out;
  }

  private async checkPlacement(
    viewer: SignedInViewer,
    p: { teamId: string | null; coordinatorId: string | null; areaId: string | null },
    em: EntityManager,
  ): Promise<void> {
    const problems: FieldError[] = [];
    if (!p.teamId) {
      problems.push({ field: 'teamId', message: 'チームを指定してください' });
    } else if (viewer.kind === 'COORDINATOR' && p.teamId !== viewer.teamId) {
      problems.push({ field: 'teamId', message: '自分のチーム以外の対象者は登録できません' });
    } else if (
      !(await em
        .getRepository(TeamEntity)
        .findOneBy({ id: p.teamId, municipalityId: viewer.municipalityId }))
    ) {
      problems.push({ field: 'teamId', message: '指定されたチームがこの自治体に見つかりません' });
    }
    if (p.coordinatorId) {
      const coordinator = await em.getRepository(UserEntity).findOneBy({
        id: p.coordinatorId,
        municipalityId: viewer.municipalityId,
        role: UserRole.COORDINATOR,
      });
      if (!coordinator || coordinator.teamId !== p.teamId)
        problems.push({
          field: 'coordinatorId',
          message: '担当者はこのチームのコーディネーターから選んでください',
        });
    }
    if (p.areaId) {
      await this.areas
        .requireInMunicipality(viewer.municipalityId, p.areaId, em)
        .catch((e: BadUserInputException) => problems.push(...e.fieldErrors));
    }
    if (problems.length) throw new BadUserInputException(problems);
  }

  /** For a referral being sent: the person's profile (what the host will be told of their pace). */
  async profileForReferral(id: string, em?: EntityManager): Promise<CandidateProfile | null> {
    const candidate = await this.candidates.findById(id, em);
    if (!candidate) throw new NotFoundException('対象者', 'candidateId');
    return this.profileOf(candidate);
  }

  /**
   * For referral views: each person's alias, and the name and contact details where `identity`
   * allows them (the caller decides from consent and the referral's state). One read for all.
   */
  async sharedOf(
    ids: string[],
    identity: (id: string) => { name: boolean; contact: boolean },
  ): Promise<Map<string, { alias: string; realName: string | null; contact: string | null }>> {
    const found = ids.length ? await this.candidates.findByIds([...new Set(ids)]) : [];
    return new Map(
      found.map((c) => {
        const allowed = identity(c.id);
        return [
          c.id,
          {
            alias: c.alias,
            realName: allowed.name
              ? this.cipher.decryptOptional(c.realNameEncrypted, CANDIDATE_FIELDS.realName)
              : null,
            contact: allowed.contact
              ? this.cipher.decryptOptional(c.contactEncrypted, CANDIDATE_FIELDS.contact)
              : null,
          },
        ];
      }),
    );
  }

  /** The support phase of each person, for counts (indicators): no other field is decrypted out. */
  async supportPhasesOf(ids: string[]): Promise<Map<string, SupportPhase | null>> {
    const found = ids.length ? await this.candidates.findByIds(ids) : [];
    return new Map(found.map((c) => [c.id, this.profileOf(c)?.supportPhase ?? null]));
  }

  /** The decrypted profile, for the screens and for matching. */
  profileOf(c: CandidateEntity): CandidateProfile | null {
    const json = this.cipher.decryptOptional(c.profileEncrypted, CANDIDATE_FIELDS.profile);
    return json === null ? null : (JSON.parse(json) as CandidateProfile);
  }

  private toModel(c: CandidateEntity): CandidateModel {
    return Object.assign(new CandidateModel(), {
      id: c.id,
      alias: c.alias,
      realName: this.cipher.decryptOptional(c.realNameEncrypted, CANDIDATE_FIELDS.realName),
      contact: this.cipher.decryptOptional(c.contactEncrypted, CANDIDATE_FIELDS.contact),
      notes: this.cipher.decryptOptional(c.notesEncrypted, CANDIDATE_FIELDS.notes),
      profile: this.profileOf(c),
      teamId: c.teamId,
      coordinatorId: c.coordinatorId,
      areaId: c.areaId,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
  }
}
