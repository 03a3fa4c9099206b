/** With whom something may be shared. */
export enum ConsentRecipient {
  HOST = 'HOST',
  SUPPORT_MEETING = 'SUPPORT_MEETING',
  RELATED_AGENCY = 'RELATED_AGENCY',
}

/** What may be shared: the pseudonymous profile, the name, the contact details. */
export enum ConsentData {
  PROFILE = 'PROFILE',
  NAME = 'NAME',
  CONTACT = 'CONTACT',
}

export const scopeKey = (recipient: ConsentRecipient, data: ConsentData) => `${recipient}:${data}`;

export function parseScope(key: string): { recipient: ConsentRecipient; data: ConsentData } {
  const [recipient, data] = key.split(':');
  return { recipient: recipient as ConsentRecipient, data: data as ConsentData };
}

export const RECIPIENT_LABELS: Record<ConsentRecipient, string> = {
  HOST: '受け入れ先',
  SUPPORT_MEETING: '支援会議',
  RELATED_AGENCY: '関係機関',
};
export const DATA_LABELS: Record<ConsentData, string> = {
  PROFILE: '仮名のプロフィール',
  NAME: '氏名',
  CONTACT: '連絡先',
};
