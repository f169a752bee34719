import type { RealActions, RealProviderFactoryDeps } from '../../connector-definition';
import { ConnectorError } from '../../connector-error';
import type { ConnectorCallContext } from '../../connector.types';
import type { ProviderHttpClient } from '../../http/provider-http-client';
import { composeMessage } from '../email-common/compose-message';
import type { GmailListRecentMessagesDto, GmailSendEmailDto } from './dto';
import { refineGmailError } from './gmail-errors';
import type { GmailListRecentMessagesOutput, GmailMessageSummary, GmailSendEmailOutput } from './manifest';

interface GmailMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  internalDate?: string;
  payload?: { headers?: Array<{ name: string; value: string }> };
}

const MESSAGES = 'gmail/v1/users/me/messages';
/** messages.get calls in flight at once: Gmail throttles a user's concurrent requests. */
const GET_CONCURRENCY = 10;

function bearer(context: ConnectorCallContext): Record<string, string> {
  const token = context.secrets.accessToken;
  if (!token) throw new ConnectorError('NOT_CONNECTED', 'connector gmail has no access token for this organization; reconnect it');
  return { authorization: `Bearer ${token}` };
}

/**
 * The Gmail REST API (v1) over the shared client, without the googleapis bundle: send takes the
 * RFC 822 message base64url-encoded in `raw` (built by nodemailer's composer); the list is
 * messages.list for ids, then messages.get in metadata format for sender, subject and snippet.
 */
export function gmailReal({ http }: RealProviderFactoryDeps): RealActions {
  const client = http({ refine: refineGmailError });

  return {
    send_email: async (raw, context): Promise<GmailSendEmailOutput> => {
      const headers = bearer(context);
      const message = await composeMessage(raw as unknown as GmailSendEmailDto);
      const { body } = await client.request<GmailMessage>({
        method: 'POST',
        path: `${MESSAGES}/send`,
        headers,
        json: { raw: message.raw.toString('base64url') },
        signal: context.signal,
      });
      return { id: body.id, threadId: body.threadId, labelIds: body.labelIds ?? [] };
    },

    list_recent_messages: async (raw, context): Promise<GmailListRecentMessagesOutput> => {
      const input = raw as unknown as GmailListRecentMessagesDto;
      const headers = bearer(context);
      const { body } = await client.request<{ messages?: Array<{ id: string }>; resultSizeEstimate?: number }>({
        method: 'GET',
        path: MESSAGES,
        headers,
        query: { maxResults: input.maxResults ?? 10, q: input.query },
        signal: context.signal,
      });
      const ids = (body.messages ?? []).map((m) => m.id);
      const messages: GmailMessageSummary[] = [];
      for (let i = 0; i < ids.length; i += GET_CONCURRENCY) {
        messages.push(...(await Promise.all(ids.slice(i, i + GET_CONCURRENCY).map((id) => getSummary(client, id, headers, context.signal)))));
      }
      return { messages, resultSizeEstimate: body.resultSizeEstimate ?? messages.length };
    },
  };
}

async function getSummary(client: ProviderHttpClient, id: string, headers: Record<string, string>, signal: AbortSignal): Promise<GmailMessageSummary> {
  const query = new URLSearchParams({ format: 'metadata' });
  for (const name of ['From', 'Subject']) query.append('metadataHeaders', name);
  const { body } = await client.request<GmailMessage>({ method: 'GET', path: `${MESSAGES}/${encodeURIComponent(id)}?${query}`, headers, signal });
  const header = (name: string) => body.payload?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? '';
  return {
    id: body.id,
    threadId: body.threadId,
    from: header('From'),
    subject: header('Subject'),
    date: new Date(Number(body.internalDate ?? 0)).toISOString(),
    snippet: body.snippet ?? '',
    labelIds: body.labelIds ?? [],
  };
}
