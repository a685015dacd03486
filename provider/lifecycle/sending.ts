/**
 * Sending a write to Azure exactly once: a write whose answer was lost is read back before anything
 * is sent again, one Azure already holds is followed rather than repeated, and one that meets
 * Azure's own running operation waits for it.
 */
import { codeOf, statusOf } from "../azure/client";
import { holdsMark } from "../ownership";
import { RUNNING_STATES } from "../schema/common";
import { asAzureHas, diff, provisioningStateOf, requestMember } from "../schema/engine";
import { timeoutOf } from "../schema/timeouts";
import { Inputs } from "../schema/types";
import { Model, Poller } from "./contract";
import { azureError, azureWords, transient, unanswered } from "./errors";
import { Operation } from "./operation";
import { followAzure, pause, withRecordedState, withinTimeout } from "./waiting";

/** A write: a PUT of the whole resource or a PATCH of some fields, and its body. */
export interface Write {
    method: "put" | "patch";
    body: Model;
}

/** How long a write keeps meeting ParentResourceNotFound before it is taken as final. */
const PARENT_LAG_MS = 60_000;

/** How many times a write may go unanswered (and be found not applied) before the up gives up. */
export const LOST_ANSWERS = 3;

/** The resource as Azure has it now: null when it does not exist, undefined when Azure did not answer. */
export async function current(op: Operation): Promise<Model | null | undefined> {
    try {
        return await op.read();
    } catch (e) {
        if (statusOf(e) === 404) return null;
        if (transient(e)) return undefined;
        throw azureError("read", op, e);
    }
}

/**
 * Whether Azure holds what a request body carried for the inputs (the write was applied), though
 * perhaps still working on it: only the body's members are judged, so a change outside the body
 * (someone's edit, a sharing action still to come) does not hide an applied write.
 */
export function holds(op: Operation, model: Model, body: Model, inputs: Inputs = op.inputs): boolean {
    if (provisioningStateOf(op.kind.spec, model) === "Failed") return false;
    const spec = op.kind.spec;
    const waiting = diff(spec, asAzureHas(spec, inputs, model), inputs).filter((c) => {
        const member = requestMember(spec, c.path);
        return member !== undefined && member in body;
    });
    return waiting.length === 0 && holdsMark(model, body);
}

/**
 * The codes, and words, of Azure's refusal while an operation of its own runs on the resource
 * (ERRORS.md: "… You can only retry the Delete operation (or wait for an ongoing one to complete)").
 * Any other 409 (PropertyChangeNotAllowed, Conflict, CannotDeleteResource, …) is final.
 */
const IN_PROGRESS = { codes: ["OperationNotAllowed", "AnotherOperationInProgress", "OperationInProgress"], words: /in progress|ongoing/i };

/**
 * Whether a refused write met an operation Azure is still running on the resource: "ours" when
 * Azure already holds what the write asks for (the write itself was applied), "other" after waiting
 * a while for someone else's, so that the caller sends its own again; undefined otherwise.
 */
export async function meetsRunningOperation(op: Operation, e: unknown, deadline: number, body?: Model): Promise<"ours" | "other" | undefined> {
    if (statusOf(e) !== 409 || Date.now() >= deadline) return undefined;
    if (!IN_PROGRESS.codes.includes(codeOf(e) ?? "") && !IN_PROGRESS.words.test(e instanceof Error ? e.message : "")) return undefined;
    const now = await op.read().catch(() => undefined);
    if (!now) return undefined;
    const state = String(provisioningStateOf(op.kind.spec, now));
    if (body && state !== "Deleting" && holds(op, now, body)) return "ours";
    // Refused because an operation was running: it may have ended by the time of this read, and then
    // the write is sent again at once, as the refusal says ("retry … or wait for an ongoing one").
    if (![...RUNNING_STATES, "Deleting"].includes(state)) return "other";
    await op.report(`Azure is still running an operation on it (${state}); waiting to send this one`);
    await pause(Math.min(op.intervalSeconds * 1000, Math.max(0, deadline - Date.now())));
    return "other";
}

/** Sends a write once and waits for it, within the resource's timeouts. */
export async function sendOnce(op: Operation, write: Write, phase: "create" | "update"): Promise<Model> {
    const limit = timeoutOf(op.inputs, phase);
    const deadline = Date.now() + limit.ms;
    const parentGrace = Date.now() + Math.min(PARENT_LAG_MS, limit.ms);
    const followIt = () => withinTimeout(op, phase, deadline, (signal) => followAzure(op, signal));
    const send = (signal: AbortSignal) => (write.method === "put" ? op.kind.put : op.kind.patch)(op.client, op.rg, op.names, write.body, { abortSignal: signal, ...op.polling });
    let lost = 0;
    let poller: Poller | undefined;
    // Sending, the SDK's retries of a throttled write included, is bounded by the same timeouts.
    const sending = new AbortController();
    const timer = setTimeout(() => sending.abort(), Math.max(0, deadline - Date.now()));
    let answered: unknown; // Azure's last refusal, when the loop went on to try again
    try {
        for (let attempt = 0; !poller; attempt++) {
            const sent = send(sending.signal);
            try {
                await sent.submitted();
                poller = sent;
            } catch (e) {
                if (sending.signal.aborted) {
                    if (answered !== undefined && !transient(answered)) throw azureError(phase, op, answered);
                    throw await withRecordedState(op, new Error(`${op.what}: stopped sending the ${phase} after ${limit.text} (timeouts.${phase}): Azure had not taken it by then. Run again later, or raise timeouts.${phase}.`));
                }
                const running = await meetsRunningOperation(op, e, deadline, write.body);
                // Azure is already doing what this write asks (its first attempt was applied and only the
                // answer was lost): follow that operation rather than send the write a second time.
                if (running === "ours") return await followIt();
                if (running === "other") continue;
                // No answer: read what Azure has before anything is sent again, so that a write Azure
                // applied is followed and only one it never received is repeated (never twice).
                if (unanswered(e) && ++lost <= LOST_ANSWERS && Date.now() < deadline) {
                    const now = await current(op);
                    if (now && holds(op, now, write.body)) {
                        await op.report(`Azure did not answer the ${phase}, but has it; following it`);
                        return await followIt();
                    }
                    if (now !== undefined) {
                        await op.report(`Azure did not answer the ${phase} and does not have it; sending it again`);
                        continue;
                    }
                }
                // ARM may not know a parent it created a moment ago yet (ParentResourceNotFound right
                // after the parent's create): a short, bounded wait, then the same write again.
                answered = e;
                if (statusOf(e) === 404 && codeOf(e) === "ParentResourceNotFound" && Date.now() < parentGrace) {
                    await op.report(`Azure does not know the parent yet; trying again (attempt ${attempt + 1})`);
                    await pause(Math.min(500 * 2 ** attempt, 10_000, Math.max(0, parentGrace - Date.now())));
                    continue;
                }
                throw azureError(phase, op, e);
            }
        }
    } finally {
        clearTimeout(timer);
    }
    const accepted = poller;
    return withinTimeout(op, phase, deadline, async (signal) => {
        try {
            return await (op.kind.wait ? op.kind.wait(op, signal, accepted) : accepted.pollUntilDone({ abortSignal: signal }));
        } catch (e) {
            // A poll that failed (throttled, unanswered) says nothing about the operation: read the
            // resource and follow it instead of abandoning the wait.
            if (signal.aborted || !transient(e)) throw e;
            await op.report(`lost track of Azure's operation (${azureWords(e)}); following the resource instead`);
            return followAzure(op, signal);
        }
    });
}
