import { APP_CONFIG, AppConfig, FieldCipher, NotFoundException, RequestContext } from '@app/common';
import { EMAIL_FIELD } from '@app/identity';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { EmailStatus, NotificationEntity, NotificationKind } from './notification.entity';

export interface Message {
  kind: NotificationKind;
  subjectId: string | null;
  title: string;
  body: string;
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
 * commit (`kick`, and every few seconds for what is left), as an outbox. Without SMTP_URL there
 * is no e-mail, only the inbox.
 */
@Injectable()
export class NotificationService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Notifications');
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null;
  }

  onModuleInit(): void {
    if (!this.transport) return;
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

  /** Sends what is pending, soon, once (calls while it runs share it). Answers how many were sent. */
  kick(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    this.running ??= RequestContext.outside(() => this.dispatch()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async dispatch(): Promise<number> {
    let sent = 0;
    try {
      await this.dataSource.transaction(async (em) => {
        const due = await em.query<
          { id: string; title: string; body: string; link: string; email: string }[]
        >(
          `SELECT n.id, n.title, n.body, n.link, u.email_encrypted AS email
             FROM notification n JOIN app_user u ON u.id = n.user_id
            WHERE n.email_status = 'PENDING' AND u.status = 'ACTIVE'
            ORDER BY n.created_at LIMIT ${BATCH} FOR UPDATE OF n SKIP LOCKED`,
        );
        for (const n of due) {
          try {
            await this.transport!.sendMail({
              from: this.config.mail.from,
              to: this.cipher.decrypt(n.email, EMAIL_FIELD),
              subject: n.title,
              text: `${n.body}\n\n${this.config.mail.publicBaseUrl}${n.link}\n\n（このメールは送信専用です。個人の情報はリンク先で、ログインしてご確認ください。）`,
            });
            await em.query(
              `UPDATE notification SET email_status = 'SENT', email_attempts = email_attempts + 1 WHERE id = $1`,
              [n.id],
            );
            sent++;
          } catch (error) {
            this.log.warn(`e-mail ${n.id} not sent: ${(error as Error).message}`);
            await em.query(
              `UPDATE notification SET email_attempts = email_attempts + 1,
                      email_status = CASE WHEN email_attempts + 1 >= $2 THEN 'FAILED'::notification_email_status ELSE email_status END
                WHERE id = $1`,
              [n.id, MAX_ATTEMPTS],
            );
          }
        }
      });
    } catch (error) {
      this.log.error(`e-mail dispatch failed: ${(error as Error).message}`);
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
