// Opens the sessions of the service load test's session case (bench/load): one login per token line, each with its
// own token and wallet, so that the run meets as many distinct sessions as a service that caches session lookups would
// have to hold, not one.
//
//   node open-sessions.mjs BASE_URL TOKENS_FILE FROM COUNT OUT_FILE [CONCURRENCY]
//
// TOKENS_FILE: one "token appPubKey" per line (io.walletgate.bench.LoadIssuer); lines FROM to FROM + COUNT - 1
// (1-based) each give one `POST BASE_URL/v1/sessions` with `Authorization: Bearer <token>` and {"appPubKey": key}.
// Writes the answers' session ids to OUT_FILE, one per line, in the order of the lines; prints how long the logins
// took. Exits 1, naming the line, if any login does not answer 201 with a session id, or two give the same id.
// Node's fetch keeps its connections alive; CONCURRENCY (8) logins are in flight at a time.
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [base, tokensFile, fromArg, countArg, outFile, concurrencyArg = '8'] = process.argv.slice(2);
const from = Number(fromArg);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
if (!base || !tokensFile || !outFile || ![from, count, concurrency].every((n) => Number.isInteger(n) && n >= 1)) {
    console.error('usage: open-sessions.mjs BASE_URL TOKENS_FILE FROM COUNT OUT_FILE [CONCURRENCY]');
    process.exit(2);
}
const fail = (message) => {
    console.error(`open-sessions: ${message}`);
    process.exit(1);
};

// Only the lines asked for: the token file of a full load test is over a gigabyte.
async function readLines() {
    const stream = createReadStream(tokensFile, { encoding: 'ascii' });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    const out = [];
    let n = 0;
    for await (const line of lines) {
        n++;
        if (n < from) continue;
        out.push(line);
        if (out.length === count) break;
    }
    lines.close();
    stream.destroy();
    if (out.length < count) fail(`${tokensFile} has ${n} lines, not the ${from + count - 1} asked for`);
    return out;
}

async function login(line, number) {
    const [token, appPubKey] = line.split(' ');
    if (!token || !appPubKey) fail(`line ${number} of ${tokensFile} is not "token appPubKey"`);
    let response;
    let body;
    try {
        response = await fetch(`${base}/v1/sessions`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ appPubKey }),
        });
        body = await response.text();
    } catch (e) {
        fail(`the login of line ${number} failed: ${e.cause?.message ?? e.message}`);
    }
    let id;
    try {
        id = JSON.parse(body)?.session?.id;
    } catch {
        // not JSON: reported below with the answer
    }
    if (response.status !== 201 || typeof id !== 'string' || !id) {
        fail(`the login of line ${number} answered ${response.status} without a session id: ${body.slice(0, 300)}`);
    }
    return id;
}

const lines = await readLines();
const start = performance.now();
const ids = new Array(count);
let next = 0;
await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
        const i = next++;
        ids[i] = await login(lines[i], from + i);
    }
}));
const seconds = (performance.now() - start) / 1000;
if (new Set(ids).size !== count) fail(`${count} logins gave only ${new Set(ids).size} distinct session ids`);
writeFileSync(outFile, ids.join('\n') + '\n');
console.log(`${count} sessions opened in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} logins/s,`
    + ` ${concurrency} at a time)`);
