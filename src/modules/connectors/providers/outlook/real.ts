import { createHash } from 'node:crypto';
import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { OutlookListRecentMessagesDto, OutlookSendEmailDto } from './dto';
import { uuidFromHex } from './graph-ids';
import type { OutlookListRecentMessagesOutput, OutlookSendEmailOutput } from './manifest';
import { refineOutlookError } from './outlook-errors';

interface GraphMessage {
  id: string;
  conversationId?: string;
  subject?: string | null;
  from?: { emailAddress?: { name?: string; address?: string } };
  receivedDateTime?: string;
  bodyPreview?: string;
  isRead?: boolean;
}

const SELECT = 'id,conversationId,subject,from,receivedDateTime,bodyPreview,isRead';
const recipients = (addresses: string[] | undefined) => (addresses ?? []).map((address) => ({ emailAddress: { address } }));

function bearer(context: ConnectorCallContext): Record<string, string> {
  const token = context.secrets.accessToken;
  if (!token) throw new ConnectorError('NOT_CONNECTED', 'connector outlook has no access token for this organization; reconnect it');
  return { authorization: `Bearer ${token}` };
}

/** The tool call's idempotency key as a UUID: Graph echoes client-request-id, so both sides' logs meet. */
function clientRequestId(idempotencyKey: string): string {
  return uuidFromHex(createHash('sha256').update(idempotencyKey).digest('hex'));
}

/** Microsoft Graph v1.0 mail over the shared client: POST /me/sendMail and GET /me/messages. */
export function outlookReal({ http }: RealProviderFactoryDeps): RealActions {
  const client = http({ refine: refineOutlookError });

  return {
    send_email: async (raw, context): Promise<OutlookSendEmailOutput> => {
      const input = raw as unknown as OutlookSendEmailDto;
      const requestId = clientRequestId(context.idempotencyKey);
      const response = await client.request({
        method: 'POST',
        path: 'me/sendMail',
        headers: { ...bearer(context), 'client-request-id': requestId },
        json: {
          message: {
            subject: input.subject,
            body: input.html !== undefined ? { contentType: 'HTML', content: input.html } : { contentType: 'Text', content: input.text },
            toRecipients: recipients(input.to),
            ccRecipients: recipients(input.cc),
            replyTo: recipients(input.replyTo ? [input.replyTo] : undefined),
          },
          saveToSentItems: true,
        },
        signal: context.signal,
      });
      return { accepted: true, requestId: response.headers.get('request-id') ?? requestId };
    },

    list_recent_messages: async (raw, context): Promise<OutlookListRecentMessagesOutput> => {
      const input = raw as unknown as OutlookListRecentMessagesDto;
      // $search returns results by relevance-then-date and refuses $orderby alongside it.
      const { body } = await client.request<{ value: GraphMessage[] }>({
        method: 'GET',
        path: 'me/messages',
        headers: bearer(context),
        query: {
          $top: input.maxResults ?? 10,
          $select: SELECT,
          $orderby: input.query ? undefined : 'receivedDateTime desc',
          $search: input.query ? `"${input.query.replace(/"/g, '')}"` : undefined,
        },
        signal: context.signal,
      });
      return {
        messages: body.value.map((m) => ({
          id: m.id,
          conversationId: m.conversationId ?? '',
          from: formatAddress(m.from?.emailAddress),
          subject: m.subject ?? '',
          receivedAt: m.receivedDateTime ?? '',
          preview: m.bodyPreview ?? '',
          isRead: m.isRead ?? false,
        })),
      };
    },
  };
}

function formatAddress(address: { name?: string; address?: string } | undefined): string {
  if (!address?.address) return address?.name ?? '';
  return address.name && address.name !== address.address ? `${address.name} <${address.address}>` : address.address;
}
