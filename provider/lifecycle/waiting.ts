/**
 * Waiting for Azure: every wait is bounded by the resource's `timeouts`, reads again when Azure does
 * not answer, and at its end leaves the resource recorded in state as Azure then has it.
 */
import { provisioningStateOf } from "../schema/engine";
import { statusOf } from "../azure/client";
import { RUNNING_STATES } from "../schema/common";
import { Phase, timeoutOf } from "../schema/timeouts";
import { Model } from "./contract";
import { azureWords, notCompleted, transient } from "./errors";
import { Operation } from "./operation";

/** Sleeps, or stops early when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const onAbort = () => {
            clearTimeout(timer);
            resolve();
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** How many reads in a row may go unanswered while following Azure's work. */
const UNANSWERED_READS = 3;

/**
 * A read while following Azure's work: one that Azure did not answer (after the SDK's own retries) is
 * tried again after a pause, a few times, before the wait gives up.
 */
export async function readPatiently(op: Operation, signal: AbortSignal | undefined): Promise<Model> {
    for (let miss = 1; ; miss++) {
        try {
            return await op.read();
        } catch (e) {
            if (!transient(e) || miss >= UNANSWERED_READS || signal?.aborted) throw e;
            await op.report(`Azure did not answer a read (${azureWords(e)}); reading again`);
            await pause(op.intervalSeconds * 1000, signal);
        }
    }
}

/**
 * Reads the resource (with progress) until Azure reports it in none of the `busy` states: the
 * resource as it then is, Failed included, or undefined once it is gone. Every wait that follows
 * Azure's own work without an operation to poll goes through here.
 */
export async function untilNot(op: Operation, busy: readonly string[], signal: AbortSignal): Promise<Model | undefined> {
    for (;;) {
        let model: Model;
        try {
            model = await readPatiently(op, signal);
        } catch (e) {
            if (statusOf(e) === 404) return undefined;
            throw e;
        }
        const state = String(provisioningStateOf(op.kind.spec, model));
        if (!busy.includes(state)) return model;
        await op.report(`waiting for Azure to finish (${op.kind.progress?.(model) ?? state})`);
        await pause(op.intervalSeconds * 1000, signal);
        if (signal.aborted) throw new Error("stopped waiting");
    }
}

/** Waits until Azure runs no operation of its own on the resource (before taking it over). */
export const untilQuiet = (op: Operation, signal: AbortSignal) => untilNot(op, [...RUNNING_STATES, "Deleting"], signal);

/** Waits for a delete Azure is running to finish: true once the resource is gone, false if it stays (or at the time limit). */
export function untilGone(op: Operation, signal: AbortSignal): Promise<boolean> {
    return untilNot(op, ["Deleting"], signal).then(
        (left) => left === undefined,
        () => false,
    );
}

/** Follows Azure's running operation on the resource: the kind's own wait where it has one, else the provisioning state. */
export async function followAzure(op: Operation, signal: AbortSignal): Promise<Model> {
    if (op.kind.wait) return op.kind.wait(op, signal);
    const model = await untilNot(op, RUNNING_STATES, signal);
    if (!model) throw new Error("Azure no longer has it");
    if (provisioningStateOf(op.kind.spec, model) === "Failed") throw new Error("Azure reports it Failed");
    return model;
}

/**
 * Azure accepted the resource and then something failed: the error carries the resource as it now
 * is, so the engine records it and the next update retries it rather than finding an unknown
 * resource in the way.
 */
export async function withRecordedState(op: Operation, error: Error, explain?: (model: Model, error: Error) => void): Promise<Error> {
    try {
        const model = await op.read();
        explain?.(model, error);
        Object.assign(error, { id: String(model.id), properties: op.outputs(model), reasons: [error.message] });
    } catch {
        // gone after all: a plain failure
    }
    return error;
}

/**
 * Waits for Azure within the resource's `timeouts`. At the limit Azure goes on; the error carries the
 * resource as it is (the engine records it), says how far Azure got, and the next up waits again
 * without sending anything (preview.ts `unsettled`).
 */
export async function withinTimeout<T>(
    op: Operation,
    phase: Phase,
    deadline: number,
    wait: (signal: AbortSignal) => Promise<T>,
    failed: (e: unknown) => Error = (e) => notCompleted(phase, op, e),
): Promise<T> {
    const limit = timeoutOf(op.inputs, phase);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
    try {
        return await wait(abort.signal);
    } catch (e) {
        if (!abort.signal.aborted) throw await withRecordedState(op, failed(e));
        throw await withRecordedState(op, new Error(`${op.what}: stopped waiting after ${limit.text} (timeouts.${phase}); Azure goes on`), (model, error) => {
            error.message += ` (${op.kind.progress?.(model) ?? `provisioning state ${String(provisioningStateOf(op.kind.spec, model))}`}). The next up waits for it without sending it again; raise timeouts.${phase} to wait longer.`;
        });
    } finally {
        clearTimeout(timer);
    }
}

/** Waits, within the update's timeouts, for an operation Azure is running on its own (one an earlier up stopped waiting for). */
export function untilFinished(op: Operation): Promise<Model> {
    return withinTimeout(op, "update", Date.now() + timeoutOf(op.inputs, "update").ms, (signal) => followAzure(op, signal));
}
