/**
 * Check / diff / create / read / update / delete for any gallery resource: the rules come from the
 * resource's description (schema/), the Azure calls from its adapter (kinds.ts).
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import type { PollerLike, OperationState } from "@azure/core-lro";
import { codeOf, computeClient, statusOf } from "./azure/client";
import { report } from "./azure/progress";
import { additionalRegions, resolveSettings } from "./azure/settings";
import { Operation, timeoutOf } from "./schema/timeouts";
import { PULUMI_INPUTS, applyRemovals, diff, fromModel, outputsFromModel, regionsIn, toModel, toPatch, validate } from "./schema/engine";
import { RUNNING_STATES, randomSuffix } from "./schema/common";
import { CheckFailure, Inputs, ResourceSpec, Unsettled } from "./schema/types";
import { getPath, setPath } from "./schema/values";


export type Model = Record<string, unknown>;

/** How one kind of resource is reached through the SDK. */
export interface KindAdapter {
    spec: ResourceSpec;
    /** Path parameters after the resource group, from the inputs. */
    names(inputs: Inputs): string[];
    get(client: ComputeManagementClient, rg: string, names: string[]): Promise<Model>;
    put(client: ComputeManagementClient, rg: string, names: string[], model: Model): PollerLike<OperationState<Model>, Model>;
    patch(client: ComputeManagementClient, rg: string, names: string[], model: Model): PollerLike<OperationState<Model>, Model>;
    del(client: ComputeManagementClient, rg: string, names: string[]): PollerLike<OperationState<void>, void>;
    /** Waits for a create/update the way this kind needs (image versions report replication). */
    wait?(ctx: WaitContext): Promise<Model>;
    /** How far Azure got, for a message when an up stops waiting ("East US 40%"). */
    progress?(model: Model): string;
    /** The fields changed through actions (`FieldSpec.action`) rather than the body, e.g. a gallery's sharing. */
    actions?: {
        /** What they change, for messages: "change the sharing of". */
        verb: string;
        /** Brings them from `current` to `desired`. */
        apply(client: ComputeManagementClient, rg: string, names: string[], current: Inputs, desired: Inputs): Promise<void>;
    };
}

export interface WaitContext {
    client: ComputeManagementClient;
    rg: string;
    names: string[];
    inputs: Inputs;
    /** The operation this up started, or none when following one Azure runs on its own. */
    poller?: PollerLike<OperationState<Model>, Model>;
    /** Aborts the wait when the resource's timeout is reached. */
    signal?: AbortSignal;
    urn?: string;
    intervalSeconds: number;
}



function urnOf(inputs: Inputs): string | undefined {
    return typeof inputs.__urn === "string" ? inputs.__urn : undefined;
}

function describe(kind: KindAdapter, inputs: Inputs): string {
    return `${kind.spec.kind} "${[inputs.resourceGroupName, ...kind.names(inputs)].join("/")}"`;
}

/** An SDK error as a sentence that names the resource and carries Azure's code, message and target. */
function azureError(action: string, kind: KindAdapter, inputs: Inputs, e: unknown): Error {
    return new Error(`Azure refused to ${action} ${describe(kind, inputs)}: ${azureWords(e)}`);
}

/** A write Azure accepted whose operation then did not complete: not a refusal. */
function notCompleted(action: string, kind: KindAdapter, inputs: Inputs, e: unknown): Error {
    return new Error(`Azure accepted the ${action} of ${describe(kind, inputs)}, then it did not complete: ${azureWords(e)}`);
}

/** Azure's code, message and target from an SDK error. */
function azureWords(e: unknown): string {
    const target = (e as { details?: { error?: { target?: string } } }).details?.error?.target;
    const code = codeOf(e);
    return `${code ? `${code}: ` : ""}${e instanceof Error ? e.message : String(e)}${target ? ` (target: ${target})` : ""}`;
}

// ---------- check ----------

export async function check(kind: KindAdapter, olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
    const inputs: Inputs = JSON.parse(JSON.stringify(news)) as Inputs;
    const { field, autoname } = kind.spec.name;
    if (inputs[field] === undefined && autoname) {
        // Keep a generated name across updates; a replacement calls check without olds and gets a new one.
        const logical = urnOf(inputs)?.split("::").pop() ?? kind.spec.kind.toLowerCase();
        inputs[field] = olds.__autonamed === true && typeof olds[field] === "string" ? olds[field] : autoname(logical, randomSuffix());
        inputs.__autonamed = true;
    }
    // Completed first, so that what the completion adds is compared with what the program had before.
    const notices = [...(kind.spec.complete?.(inputs) ?? []), ...applyRemovals(kind.spec, olds, inputs), ...(kind.spec.cautions ?? []).flatMap((c) => c(inputs))];
    for (const n of notices) await report(urnOf(inputs), n, "warning", false);
    // Regions the stack admits, and those Azure already accepted for this resource, are taken on trust.
    const admittedRegions = [...additionalRegions(), ...regionsIn(kind.spec, olds)];
    return { inputs, failures: validate(kind.spec, inputs, { admittedRegions }) };
}

// ---------- diff ----------

/**
 * Why Azure's last report of the resource needs an up though the program is unchanged: never a
 * silent "no change" while Azure holds it Failed or is still working on it.
 */
function unsettled(kind: KindAdapter, olds: Inputs, news: Inputs): Unsettled | undefined {
    const own = kind.spec.unsettled?.(olds, news); // the kind's own, more precise reason first
    if (own) return own;
    // Azure keeps a resource whose operation failed as Failed; a PUT of the whole resource retries it.
    if (olds.provisioningState === "Failed") return { reason: "Azure reports it Failed; the update sends it again, which is how Azure retries it", resend: true };
    // A kind with a rule of its own decides when a running operation is worth waiting for.
    if (!kind.spec.unsettled && RUNNING_STATES.includes(String(olds.provisioningState))) {
        return { reason: `Azure was still working on it (${String(olds.provisioningState)}); the update waits for it to finish`, resend: false };
    }
    return undefined;
}

export async function diffResource(kind: KindAdapter, olds: Inputs, news: Inputs) {
    const changes = diff(kind.spec, olds, news);
    const refusal = kind.spec.refuse?.(olds, news, changes);
    if (refusal) throw new Error(`${describe(kind, news)}: ${refusal}`);
    const replaces = [...new Set(changes.filter((c) => c.onChange === "replace").map((c) => c.path.split(/[.[]/)[0]))];
    const pending = replaces.length === 0 ? unsettled(kind, olds, news) : undefined;
    if (pending) await report(urnOf(news), `${describe(kind, news)}: ${pending.reason}`, "warning", false);
    return {
        changes: changes.length > 0 || pending !== undefined,
        replaces,
        // A name the user fixed cannot exist twice: the old resource must go first.
        deleteBeforeReplace: replaces.length > 0 && news.__autonamed !== true,
    };
}

// ---------- create / read / update / delete ----------

interface Context {
    client: ComputeManagementClient;
    subscriptionId: string;
    rg: string;
    names: string[];
    intervalSeconds: number;
}

function context(kind: KindAdapter, inputs: Inputs): Context {
    const settings = resolveSettings({ subscriptionId: inputs.subscriptionId });
    const { client, subscriptionId } = computeClient(settings);
    return { client, subscriptionId, rg: String(inputs.resourceGroupName), names: kind.names(inputs), intervalSeconds: settings.progressIntervalSeconds ?? 10 };
}

function outputsOf(kind: KindAdapter, inputs: Inputs, model: Model, subscriptionId: string): Record<string, unknown> {
    const kept: Record<string, unknown> = {};
    for (const f of kind.spec.fields) if (f.inModel === false && getPath(inputs, f.path) !== undefined) setPath(kept, f.path, getPath(inputs, f.path));
    for (const k of PULUMI_INPUTS) if (k !== "__provider" && inputs[k] !== undefined) kept[k] = inputs[k];
    // Plain JSON: the host sends outputs as a protobuf Struct, which refuses `undefined`.
    return JSON.parse(JSON.stringify({ ...kept, ...fromModel(kind.spec, model), subscriptionId, ...outputsFromModel(kind.spec, model) })) as Record<string, unknown>;
}

/** How long a write keeps meeting ParentResourceNotFound before it is taken as final. */
const PARENT_LAG_MS = 60_000;

/** Sends a write (`send` starts it) and waits for it, within the resource's timeouts. */
async function settle(kind: KindAdapter, ctx: Context, inputs: Inputs, send: () => PollerLike<OperationState<Model>, Model>, op: "create" | "update"): Promise<Model> {
    const limit = timeoutOf(inputs, op);
    const deadline = Date.now() + limit.ms;
    const parentGrace = Date.now() + Math.min(PARENT_LAG_MS, limit.ms);
    let poller: PollerLike<OperationState<Model>, Model>;
    for (let attempt = 0; ; attempt++) {
        poller = send();
        try {
            await poller.submitted();
            break;
        } catch (e) {
            const running = await busy(kind, ctx, inputs, e, deadline);
            // Azure is already doing what this write asks (its first attempt was applied and only the
            // answer was lost): follow that operation rather than send the write a second time.
            if (running === "ours") return bounded(kind, ctx, inputs, op, op, deadline, (signal) => follow(kind, ctx, inputs, signal));
            if (running === "other") continue;
            // ARM may not know a parent it created a moment ago yet (issue 9: ParentResourceNotFound
            // right after the parent's create): a short, bounded wait, then the same write again.
            if (statusOf(e) === 404 && codeOf(e) === "ParentResourceNotFound" && Date.now() < parentGrace) {
                await report(urnOf(inputs), `Azure does not know the parent yet; trying again (attempt ${attempt + 1})`);
                await pause(Math.min(500 * 2 ** attempt, 10_000, Math.max(0, parentGrace - Date.now())));
                continue;
            }
            throw azureError(op, kind, inputs, e);
        }
    }
    return bounded(kind, ctx, inputs, op, op, deadline, (signal) =>
        kind.wait
            ? kind.wait({ client: ctx.client, rg: ctx.rg, names: ctx.names, inputs, poller, signal, urn: urnOf(inputs), intervalSeconds: ctx.intervalSeconds })
            : poller.pollUntilDone({ abortSignal: signal }),
    );
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
async function busy(kind: KindAdapter, ctx: Context, inputs: Inputs, e: unknown, deadline: number, write = true): Promise<"ours" | "other" | undefined> {
    if (statusOf(e) !== 409 || Date.now() >= deadline) return undefined;
    if (!IN_PROGRESS.codes.includes(codeOf(e) ?? "") && !IN_PROGRESS.words.test(e instanceof Error ? e.message : "")) return undefined;
    const current = await kind.get(ctx.client, ctx.rg, ctx.names).catch(() => undefined);
    const state = String(current?.provisioningState);
    if (!current || ![...RUNNING_STATES, "Deleting"].includes(state)) return undefined;
    if (write && state !== "Deleting" && diff(kind.spec, { ...inputs, ...fromModel(kind.spec, current) }, inputs).length === 0) return "ours";
    await report(urnOf(inputs), `Azure is still running an operation on it (${state}); waiting to send this one`);
    await pause(Math.min(ctx.intervalSeconds * 1000, Math.max(0, deadline - Date.now())));
    return "other";
}

/**
 * Waits for Azure within the resource's `timeouts`. At the limit Azure goes on; the error carries the
 * resource as it is (the engine records it), says how far Azure got, and the next up waits again
 * without sending anything (see `unsettled`).
 */
async function bounded(kind: KindAdapter, ctx: Context, inputs: Inputs, op: Operation, action: string, deadline: number, wait: (signal: AbortSignal) => Promise<Model>): Promise<Model> {
    const limit = timeoutOf(inputs, op);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
    try {
        return await wait(abort.signal);
    } catch (e) {
        if (!abort.signal.aborted) throw await recorded(kind, ctx, inputs, notCompleted(action, kind, inputs, e));
        throw await recorded(kind, ctx, inputs, new Error(`${describe(kind, inputs)}: stopped waiting after ${limit.text} (timeouts.${op}); Azure goes on`), (model, error) => {
            error.message += ` (${kind.progress?.(model) ?? `provisioning state ${String(model.provisioningState)}`}). The next up waits for it without sending it again; raise timeouts.${op} to wait longer.`;
        });
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Azure accepted the resource and then something failed: the error carries the resource as it now
 * is, so the engine records it and the next update retries it rather than finding an unknown
 * resource in the way.
 */
async function recorded(kind: KindAdapter, ctx: Context, inputs: Inputs, error: Error, explain?: (model: Model, error: Error) => void): Promise<Error> {
    try {
        const model = await kind.get(ctx.client, ctx.rg, ctx.names);
        explain?.(model, error);
        Object.assign(error, { id: String(model.id), properties: outputsOf(kind, inputs, model, ctx.subscriptionId), reasons: [error.message] });
    } catch {
        // gone after all: a plain failure
    }
    return error;
}

/**
 * Applies what the kind changes through actions, then reads the result: PUT and PATCH answers do not
 * report action fields (a gallery's groups come only with $expand), so the outputs come from a GET.
 */
async function act(kind: KindAdapter, ctx: Context, current: Inputs, inputs: Inputs, model: Model): Promise<Model> {
    if (!kind.actions) return model;
    try {
        await kind.actions.apply(ctx.client, ctx.rg, ctx.names, current, inputs);
        return await kind.get(ctx.client, ctx.rg, ctx.names);
    } catch (e) {
        throw await recorded(kind, ctx, inputs, azureError(kind.actions.verb, kind, inputs, e));
    }
}

export async function create(kind: KindAdapter, inputs: Inputs): Promise<{ id: string; outs: Record<string, unknown> }> {
    const ctx = context(kind, inputs);
    let existing: Model | undefined;
    try {
        existing = await kind.get(ctx.client, ctx.rg, ctx.names);
    } catch (e) {
        if (statusOf(e) !== 404) throw azureError("read", kind, inputs, e);
    }
    if (existing && inputs.adopt !== true) {
        throw new Error(
            `${describe(kind, inputs)} already exists in Azure and is not managed by this stack. Choose another name, or set adopt: true to take it over (its create-only properties must match); after an interrupted update that created it, adopt: true for one run brings it back under this stack.`,
        );
    }
    if (existing) {
        const current = { ...inputs, ...fromModel(kind.spec, existing) };
        const changes = diff(kind.spec, current, inputs);
        const fixed = changes.filter((c) => c.onChange === "replace");
        if (fixed.length > 0) {
            throw new Error(`${describe(kind, inputs)} cannot be adopted: these properties differ and cannot change after create: ${fixed.map((c) => c.path).join(", ")}`);
        }
        const patch = toPatch(kind.spec, inputs, changes, current);
        const patched = Object.keys(patch).length > 0 ? await settle(kind, ctx, inputs, () => kind.patch(ctx.client, ctx.rg, ctx.names, patch), "update") : existing;
        const model = await act(kind, ctx, current, inputs, patched);
        return { id: String(model.id), outs: outputsOf(kind, inputs, model, ctx.subscriptionId) };
    }
    const created = await settle(kind, ctx, inputs, () => kind.put(ctx.client, ctx.rg, ctx.names, toModel(kind.spec, inputs)), "create");
    const model = await act(kind, ctx, fromModel(kind.spec, created), inputs, created);
    return { id: String(model.id), outs: outputsOf(kind, inputs, model, ctx.subscriptionId) };
}

export async function read(kind: KindAdapter, id: string, props: Inputs): Promise<{ id?: string; props?: Record<string, unknown> }> {
    const ctx = context(kind, props);
    try {
        const model = await kind.get(ctx.client, ctx.rg, ctx.names);
        return { id: String(model.id ?? id), props: outputsOf(kind, props, model, ctx.subscriptionId) };
    } catch (e) {
        if (statusOf(e) === 404) return {}; // gone: refresh drops it from state
        throw azureError("read", kind, props, e);
    }
}

export async function update(kind: KindAdapter, olds: Inputs, news: Inputs): Promise<{ outs: Record<string, unknown> }> {
    const ctx = context(kind, news);
    const changes = diff(kind.spec, olds, news);
    const pending = unsettled(kind, olds, news);
    const patch = pending?.resend ? toModel(kind.spec, news, olds) : toPatch(kind.spec, news, changes, olds);
    let model: Model;
    if (Object.keys(patch).length === 0) {
        model = pending ? await finished(kind, ctx, news) : await kind.get(ctx.client, ctx.rg, ctx.names);
    } else {
        const send = () => (pending?.resend ? kind.put(ctx.client, ctx.rg, ctx.names, patch) : kind.patch(ctx.client, ctx.rg, ctx.names, patch));
        model = await settle(kind, ctx, news, send, "update");
    }
    model = await act(kind, ctx, olds, news, model);
    return { outs: outputsOf(kind, news, model, ctx.subscriptionId) };
}

/**
 * Waits for an operation Azure is running on its own (one an earlier up stopped waiting for). A
 * failure at the end is an error, with the resource kept in state.
 */
function finished(kind: KindAdapter, ctx: Context, inputs: Inputs): Promise<Model> {
    return bounded(kind, ctx, inputs, "update", "update", Date.now() + timeoutOf(inputs, "update").ms, (signal) => follow(kind, ctx, inputs, signal));
}

/** Follows Azure's running operation on the resource: the kind's own wait where it has one, else the provisioning state. */
async function follow(kind: KindAdapter, ctx: Context, inputs: Inputs, signal: AbortSignal): Promise<Model> {
    if (kind.wait) return kind.wait({ client: ctx.client, rg: ctx.rg, names: ctx.names, inputs, signal, urn: urnOf(inputs), intervalSeconds: ctx.intervalSeconds });
    for (;;) {
        const model = await kind.get(ctx.client, ctx.rg, ctx.names);
        if (model.provisioningState === "Failed") throw new Error("Azure reports it Failed");
        if (!RUNNING_STATES.includes(String(model.provisioningState))) return model;
        await report(urnOf(inputs), `waiting for Azure to finish (${String(model.provisioningState)})`);
        await pause(ctx.intervalSeconds * 1000, signal);
        if (signal.aborted) throw new Error("stopped waiting");
    }
}

/** How long a parent delete keeps retrying the service's nested-resource 409 (eventual consistency). */
const NESTED_DELETE_RETRY_MS = 120_000;

export async function remove(kind: KindAdapter, props: Inputs): Promise<void> {
    const ctx = context(kind, props);
    const limit = timeoutOf(props, "delete");
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limit.ms);
    const stopAt = Date.now() + limit.ms;
    const deadline = Date.now() + Math.min(NESTED_DELETE_RETRY_MS, limit.ms);
    try {
        for (let attempt = 0; ; attempt++) {
            try {
                await kind.del(ctx.client, ctx.rg, ctx.names).pollUntilDone({ abortSignal: abort.signal });
                return;
            } catch (e) {
                if (statusOf(e) === 404) return; // already gone
                if (abort.signal.aborted) {
                    throw new Error(`${describe(kind, props)}: stopped waiting for the delete after ${limit.text} (timeouts.delete); Azure goes on, and the next run deletes it again if it is still there`);
                }
                if (await busy(kind, ctx, props, e, stopAt, false)) continue; // after waiting, send the delete again
                // Right after its last child is deleted, Azure still refuses the parent for a while.
                if (statusOf(e) === 409 && codeOf(e) === "CannotDeleteResource" && Date.now() < deadline) {
                    await report(urnOf(props), `waiting for Azure to register that nested resources are gone (attempt ${attempt + 1})`);
                    await pause(Math.min(200 * 2 ** attempt, 10_000), abort.signal);
                    continue;
                }
                throw azureError("delete", kind, props, e);
            }
        }
    } finally {
        clearTimeout(timer);
    }
}

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
