/**
 * How a failure reads: every error names the resource and says which of three things happened:
 * Azure refused (its code, message and target), Azure kept throttling, or Azure did not answer.
 */
import { AnswerLost, codeOf, statusOf } from "../azure/client";
import type { Operation } from "./operation";

/** Still throttled (429) after the SDK's retries, each after Azure's Retry-After. */
export const throttled = (e: unknown) => statusOf(e) === 429;

/**
 * No answer Azure stands by: the connection failed, or a server or gateway error (5xx, 408). A write
 * may or may not have been applied (client.ts `AnswerLost`); a read may succeed a moment later.
 */
export function unanswered(e: unknown): boolean {
    if (e instanceof AnswerLost) return true;
    const status = statusOf(e);
    return e instanceof Error && e.name === "RestError" && (status === undefined || status === 408 || status >= 500);
}

/** A failure of the conversation with Azure rather than a verdict of Azure's: worth reading the resource again. */
export const transient = (e: unknown) => throttled(e) || unanswered(e);

/** Words ending as a sentence, for a message that goes on after them. */
const sentence = (words: string) => (/[.!?]$/.test(words) ? words : `${words}.`);

/** Azure's code, message and target from an SDK error. */
export function azureWords(e: unknown): string {
    const target = (e as { details?: { error?: { target?: string } } }).details?.error?.target;
    const code = codeOf(e);
    return `${code ? `${code}: ` : ""}${e instanceof Error ? e.message : String(e)}${target ? ` (target: ${target})` : ""}`;
}

/**
 * An SDK error as a sentence; `verb` says what was asked: "create", "read", "change the sharing of";
 * `about` is the operation's resource, or the words for what a function asked about.
 */
export function azureError(verb: string, about: Operation | string, e: unknown): Error {
    const what = typeof about === "string" ? about : about.what;
    if (throttled(e)) {
        return new Error(`Azure kept throttling the request to ${verb} ${what} (still 429 after the retries azure-compute-gallery:maxRetries allows, each after Azure's Retry-After): ${sentence(azureWords(e))} Run again later.`);
    }
    if (unanswered(e)) return new Error(`Azure did not answer the request to ${verb} ${what}: ${sentence(azureWords(e))} Run again; nothing is sent twice.`);
    return new Error(`Azure refused to ${verb} ${what}: ${azureWords(e)}`);
}

/** A write Azure accepted whose operation then did not complete, or could not be followed: not a refusal. */
export function notCompleted(action: string, op: Operation, e: unknown): Error {
    if (transient(e)) {
        return new Error(`Azure accepted the ${action} of ${op.what}, then did not answer while it was followed (${azureWords(e)}); the next up waits for it without sending it again`);
    }
    return new Error(`Azure accepted the ${action} of ${op.what}, then it did not complete: ${azureWords(e)}`);
}
