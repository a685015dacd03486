/**
 * Credentials the inputs carry (a SAS token in an application's source link, fields marked `secret`)
 * kept out of every text the provider writes: progress and warnings, check failures, errors and the
 * reasons recorded with a failed operation, and Azure's own words in read-only outputs (a region's
 * replication details may quote the link). Each call of the provider makes the credentials of its
 * inputs known first (runtime.ts); the host serves one deployment, so the set stays small, and
 * hiding one resource's token in another's message hides nothing that should be seen.
 */
import { secretsIn } from "./schema/engine";
import { Inputs, ResourceSpec } from "./schema/types";

/** What a credential reads as in a message. */
export const REDACTED = "[secret]";

/** Shorter texts cannot be a credential (a SAS signature alone is 44 characters); hiding them would only garble messages. */
const SHORTEST = 8;

const known = new Set<string>();

/** Makes the credentials in these inputs known, so that no message repeats them. */
export function rememberSecrets(spec: ResourceSpec, ...inputs: (Inputs | undefined)[]): void {
    for (const i of inputs) if (i) for (const s of secretsIn(spec, i)) if (s.length >= SHORTEST) known.add(s);
}

/** The text with every known credential replaced, longest first (a whole query before the signature inside it). */
export function redact(text: string): string {
    if (known.size === 0 || !text) return text;
    let out = text;
    for (const s of [...known].sort((a, b) => b.length - a.length)) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
}

/** An error whose message, stack and recorded reasons repeat no known credential (the host prints the stack). */
export function redactError<T>(e: T): T {
    if (e instanceof Error) {
        e.message = redact(e.message);
        if (e.stack) e.stack = redact(e.stack);
        const withReasons = e as Error & { reasons?: unknown };
        if (Array.isArray(withReasons.reasons)) withReasons.reasons = withReasons.reasons.map((r) => (typeof r === "string" ? redact(r) : r));
    }
    return e;
}
