// A client of WalletGate generated from its openapi.json: `npm run generate` turns the document into TypeScript
// types (openapi-typescript), openapi-fetch makes typed calls with them, and `tsc` refuses this file when the calls
// no longer fit the document (a path, a body member or a response field that drifted). GeneratedClientIT runs it
// against `walletgate serve`:
//
//   node build/client.js BASE_URL ID_TOKEN APP_PUBLIC_KEY
//
// It signs in, asks forward-auth with the session cookie, asks "who am I" with `Authorization: Session`, logs out,
// and asks forward-auth again; it prints one JSON object with what it saw, and exits 1 when a call failed unexpectedly.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/walletgate.js";

type ErrorCode = components["schemas"]["ErrorCode"];

const [baseUrl, token, appPubKey] = process.argv.slice(2);
if (!baseUrl || !token || !appPubKey) {
    console.error("usage: node build/client.js BASE_URL ID_TOKEN APP_PUBLIC_KEY");
    process.exit(2);
}

const client = createClient<paths>({ baseUrl });

function fail(step: string, status: number, code?: ErrorCode): never {
    console.log(JSON.stringify({ failed: step, status, code: code ?? null }));
    process.exit(1);
}

// Sign in: POST /v1/sessions with the token as a Bearer header and the wallet proof in the body.
const created = await client.POST("/v1/sessions", {
    headers: { Authorization: `Bearer ${token}` },
    body: { appPubKey },
});
if (!created.data) {
    fail("createSession", created.response.status, created.error?.error.code);
}
const sessionId: string = created.data.session.id;
const expiresAt: string = created.data.session.expiresAt;
const signedInAs: string = created.data.identity.subject;
const provenAddress: string | null = created.data.identity.wallet?.address ?? null;
const cookie = (created.response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

// Forward-auth with the cookie: 200 and the identity in headers.
const allowed = await client.GET("/v1/auth", { headers: { Cookie: cookie } });
if (allowed.response.status !== 200) {
    fail("forwardAuth", allowed.response.status, allowed.error?.error.code);
}

// Who am I, with the session id in the Authorization header.
const me = await client.GET("/v1/sessions/current", { headers: { Authorization: `Session ${sessionId}` } });
if (!me.data) {
    fail("currentSession", me.response.status, me.error?.error.code);
}

// Log out; then forward-auth refuses the cookie with a typed error code.
const loggedOut = await client.DELETE("/v1/sessions/current", { headers: { Cookie: cookie } });
if (loggedOut.response.status !== 204) {
    fail("logout", loggedOut.response.status, loggedOut.error?.error.code);
}
const refused = await client.GET("/v1/auth", { headers: { Cookie: cookie } });
const refusedCode: ErrorCode | null = refused.error?.error.code ?? null;

console.log(JSON.stringify({
    sessionId,
    expiresAt,
    signedInAs,
    provenAddress,
    cookieName: cookie.split("=")[0],
    forwardAuth: {
        status: allowed.response.status,
        subject: allowed.response.headers.get("x-walletgate-subject"),
        wallet: allowed.response.headers.get("x-walletgate-wallet"),
    },
    currentSession: { subject: me.data.identity.subject, expiresAt: me.data.session.expiresAt },
    logout: loggedOut.response.status,
    afterLogout: { status: refused.response.status, code: refusedCode },
}));
