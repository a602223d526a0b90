// Attachments of plans, reports and activities (/api/v1/{plans|reports|activities}/{id}/attachments
// and /api/v1/attachments/{id}): the file itself is the body of the upload.
import { request } from './api';

export type AttachmentOwner = 'plans' | 'reports' | 'activities';
export type AttachmentKind = 'signed_scan' | 'evidence';

export interface Attachment {
  id: string;
  owner_type: 'plan' | 'report' | 'activity';
  owner_id: string;
  kind: AttachmentKind;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_by: { id: string; full_name: string };
  created_at: string;
  href: string;
}

/** The server's limit (domain/attachment.h), checked here first to spare a 10 MB upload. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function base(owner: AttachmentOwner, id: string): string {
  return '/' + owner + '/' + encodeURIComponent(id) + '/attachments';
}

export const attachmentsApi = {
  list: (owner: AttachmentOwner, id: string) => request<{ items: Attachment[] }>('GET', base(owner, id)),
  upload: (owner: AttachmentOwner, id: string, name: string, bytes: ArrayBuffer, kind?: AttachmentKind) =>
    request<Attachment>('POST', base(owner, id), { query: { name, kind }, raw: bytes }),
  remove: (id: string) => request<void>('DELETE', '/attachments/' + encodeURIComponent(id)),
};
