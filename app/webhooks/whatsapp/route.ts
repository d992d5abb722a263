import { apiRoute, readBodyBytes } from "@/lib/api/handler";
import { withWebhook } from "@/lib/api/with-webhook";
import { env } from "@/lib/env";
import { receiveWhatsAppDelivery, verifySubscription, WEBHOOK_MAX_BYTES } from "@/lib/whatsapp/webhook";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withWebhook(async ({ url }) => {
    const challenge = verifySubscription(url.searchParams, env().WHATSAPP_VERIFY_TOKEN);
    return new Response(challenge, { headers: { "content-type": "text/plain; charset=utf-8" } });
  }),
  POST: withWebhook(async ({ services, request, requestId }) => {
    const answer = await receiveWhatsAppDelivery(services, {
      body: await readBodyBytes(request, WEBHOOK_MAX_BYTES),
      signature: request.headers.get("x-hub-signature-256"),
      appSecret: env().WHATSAPP_APP_SECRET,
      requestId,
    });
    return Response.json(answer);
  }),
});
