import {
  APP_CONFIG,
  AppConfig,
  FieldCipher,
  inEachMunicipality,
  NotFoundException,
  RequestContext,
} from '@app/common';
import { EMAIL_FIELD } from '@app/identity';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { EmailStatus, NotificationEntity, NotificationKind } from './notification.entity';

export interface Message {
  kind: NotificationKind;
  subjectId: string | null;
  /** The inbox's words, for a signed-in user. */
  title: string;
  body: string;
  /** The e-mail's only words beside the link: what happened, and the pseudonym. */
  mailSubject: string;
  /** A path of the web app. */
  link: string;
}

/** E-mails are tried this many times, then left as FAILED (the inbox still has them). */
const MAX_ATTEMPTS = 5;
const DISPATCH_EVERY_MS = 5_000;
const BATCH = 50;

/**
 * The in-app inbox, and e-mail through SMTP. A notification is written in the transaction of the
 * change it tells of, so it exists exactly when the change does; its e-mail goes out after the
 * commit (`kick`, and every few seconds for what is left), as an outbox. The e-mail says only
 * what happened and the pseudonym, with the link. Without SMTP_URL there is no e-mail.
 */
@Injectable()
export class NotificationService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Notifications');
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** A kick came while a dispatch ran. */
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.transport) return;
    // E-mails a stopped process had claimed are sent again (at most one extra copy).
    await inEachMunicipality(this.dataSource, () =>
      this.dataSource.query(
        `UPDATE notification SET email_status = 'PENDING' WHERE email_status = 'SENDING'`,
      ),
    );
    this.timer = setInterval(() => void this.kick(), DISPATCH_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }

  /** Messages to these users, written in the caller's transaction. */
  async notify(
    em: EntityManager,
    municipalityId: string,
    userIds: string[],
    message: Message,
  ): Promise<void> {
    const repo = em.getRepository(NotificationEntity);
    for (const userId of [...new Set(userIds)])
      await repo.save(
        repo.create({
          ...message,
          municipalityId,
          userId,
          emailStatus: this.transport ? EmailStatus.PENDING : EmailStatus.NONE,
        }),
      );
  }

  /**
   * Sends what is pending, soon. A call while a dispatch runs is not lost: that dispatch goes
   * round once more when it ends (what was written meanwhile was not in its batch). Answers how
   * many were sent.
   */
  kick(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = RequestContext.outside(async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          sent += await this.dispatch();
        } while (this.again);
      } finally {
        // Cleared right after the last check: a kick from now on starts a dispatch of its own.
        this.running = null;
      }
      return sent;
    });
    return this.running;
  }

  /**
   * Claims pending e-mails in one statement (SKIP LOCKED: several processes may send), sends them
   * outside any transaction (a slow mail server holds no database connection), then records each
   * outcome on its own.
   */
  private async dispatch(): Promise<number> {
    let sent = 0;
    try {
      // Each municipality's pending e-mails, as the platform there (row-level security applies).
      for (const count of await inEachMunicipality(this.dataSource, () => this.dispatchHere()))
        sent += count;
    } catch (error) {
      this.log.error(`e-mail dispatch failed: ${(error as Error).message}`);
    }
    return sent;
  }

  /**
   * Claims the tenant's pending e-mails in one statement (SKIP LOCKED: several processes may
   * send), sends them outside any transaction (a slow mail server holds no database connection),
   * then records each outcome on its own.
   */
  private async dispatchHere(): Promise<number> {
    let sent = 0;
    const claimed = await this.dataSource.query<
      { id: string; mail_subject: string; link: string; email: string }[]
    >(
      `WITH claimed AS (
         UPDATE notification n SET email_status = 'SENDING', email_attempts = n.email_attempts + 1
           FROM app_user u
          WHERE u.id = n.user_id AND u.status = 'ACTIVE' AND n.id IN (
                SELECT id FROM notification WHERE email_status = 'PENDING'
                 ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING n.id, n.mail_subject, n.link, u.email_encrypted AS email)
       SELECT * FROM claimed`,
    );
    for (const n of claimed) {
      let outcome: EmailStatus = EmailStatus.SENT;
      try {
        await this.transport!.sendMail({
          from: this.config.mail.from,
          to: this.cipher.decrypt(n.email, EMAIL_FIELD),
          subject: n.mail_subject,
          text: `${n.mail_subject}。詳しくは、ログインしてご確認ください。\n\n${this.config.mail.publicBaseUrl}${n.link}\n\n（このメールは送信専用です）`,
        });
        sent++;
      } catch (error) {
        this.log.warn(`e-mail ${n.id} not sent: ${(error as Error).message}`);
        outcome = EmailStatus.PENDING;
      }
      await this.dataSource.query(
        `UPDATE notification SET email_status = CASE
           WHEN $2::text = 'SENT' THEN 'SENT'::notification_email_status
           WHEN email_attempts >= $3 THEN 'FAILED'::notification_email_status
           ELSE 'PENDING'::notification_email_status END
          WHERE id = $1`,
        [n.id, outcome, MAX_ATTEMPTS],
      );
    }
    return sent;
  }

  /** The signed-in user's inbox, newest first. */
  async inbox(unreadOnly: boolean, first: number): Promise<NotificationEntity[]> {
    const viewer = RequestContext.signedIn();
    return this.dataSource.getRepository(NotificationEntity).find({
      where: { userId: viewer.userId, ...(unreadOnly && { readAt: IsNull() }) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: first,
    });
  }

  /** Marks the user's own messages read; another user's are not found. */
  async markRead(ids: string[]): Promise<NotificationEntity[]> {
    const viewer = RequestContext.signedIn();
    const repo = this.dataSource.getRepository(NotificationEntity);
    const mine = await repo.findBy({ id: In(ids), userId: viewer.userId });
    if (mine.length !== new Set(ids).size) throw new NotFoundException('お知らせ', 'ids');
    const now = new Date();
    for (const n of mine) n.readAt ??= now;
    return repo.save(mine);
  }
}
