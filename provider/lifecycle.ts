/**
 * Check / diff / create / read / update / delete for any gallery resource: the rules come from the
 * resource's description (schema/), the Azure calls from its adapter (kinds.ts).
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import type { PollerLike, OperationState } from "@azure/core-lro";
import { AddressPart, addressFromId } from "./armIds";
import { AnswerLost, codeOf, computeClient, statusOf } from "./azure/client";
import { report } from "./azure/progress";
import { additionalRegions, resolveSettings } from "./azure/settings";
import { CLAIM_OUTPUT, CLAIM_TAG, MARK_TAGS, OWNER_TAG, holdsMark, marked, ownerMark, tagOf } from "./ownership";
import { Operation, timeoutOf } from "./schema/timeouts";
import { addOutputsFromModel, applyRemovals, asAzureHas, requestMember, diff, fromModel, regionsIn, toModel, toPatch, validate } from "./schema/engine";
import { RUNNING_STATES, randomSuffix } from "./schema/common";
import { CheckFailure, Inputs, ResourceSpec, Unsettled } from "./schema/types";


export type Model = Record<string, unknown>;

/** How one kind of resource is reached through the SDK. */
export interface KindAdapter {
    spec: ResourceSpec;
    /** The resource's place in ARM below its resource group; each name, a path parameter, is an input. */
    address: AddressPart[];
    get(client: ComputeManagementClient, rg: string, names: string[]): Promise<Model>;
    /** Writes stop (the SDK's retries included) when `signal` aborts: the resource's timeouts bound them. */
    put(client: ComputeManagementClient, rg: string, names: string[], model: Model, signal?: AbortSignal): PollerLike<OperationState<Model>, Model>;
    patch(client: ComputeManagementClient, rg: string, names: string[], model: Model, signal?: AbortSignal): PollerLike<OperationState<Model>, Model>;
    del(client: ComputeManagementClient, rg: string, names: string[], signal?: AbortSignal): PollerLike<OperationState<void>, void>;
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

/** The path parameters after the resource group, from the inputs. */
function namesOf(kind: KindAdapter, inputs: Inputs): string[] {
    return kind.address.map((a) => String(inputs[a.field]));
}

function describe(kind: KindAdapter, inputs: Inputs): string {
    return `${kind.spec.kind} "${[inputs.resourceGroupName, ...namesOf(kind, inputs)].join("/")}"`;
}

/** Still throttled (429) after the SDK's retries, each after Azure's Retry-After. */
const throttled = (e: unknown) => statusOf(e) === 429;

/**
 * No answer Azure stands by: the connection failed, or a server or gateway error (5xx, 408). A write
 * may or may not have been applied (client.ts `AnswerLost`); a read may succeed a moment later.
 */
function unanswered(e: unknown): boolean {
    if (e instanceof AnswerLost) return true;
    const status = statusOf(e);
    return e instanceof Error && e.name === "RestError" && (status === undefined || status === 408 || status >= 500);
}

/** A failure of the conversation with Azure rather than a verdict of Azure's: worth reading the resource again. */
const transient = (e: unknown) => throttled(e) || unanswered(e);

/**
 * An SDK error as a sentence that names the resource and says which of three things happened: Azure
 * refused (its code, message and target), Azure kept throttling, or Azure did not answer. `verb`
 * says what was asked: "create", "read", "change the sharing of".
 */
function azureError(verb: string, kind: KindAdapter, inputs: Inputs, e: unknown): Error {
    const what = describe(kind, inputs);
    if (throttled(e)) {
        return new Error(`Azure kept throttling the request to ${verb} ${what} (still 429 after the retries azure-compute-gallery:maxRetries allows, each after Azure's Retry-After): ${sentence(azureWords(e))} Run again later.`);
    }
    if (unanswered(e)) return new Error(`Azure did not answer the request to ${verb} ${what}: ${sentence(azureWords(e))} Run again; nothing is sent twice.`);
    return new Error(`Azure refused to ${verb} ${what}: ${azureWords(e)}`);
}

/** A write Azure accepted whose operation then did not complete, or could not be followed: not a refusal. */
function notCompleted(action: string, kind: KindAdapter, inputs: Inputs, e: unknown): Error {
    const what = describe(kind, inputs);
    if (transient(e)) {
        return new Error(`Azure accepted the ${action} of ${what}, then did not answer while it was followed (${azureWords(e)}); the next up waits for it without sending it again`);
    }
    return new Error(`Azure accepted the ${action} of ${what}, then it did not complete: ${azureWords(e)}`);
}

/** Words ending as a sentence, for a message that goes on after them. */
const sentence = (words: string) => (/[.!?]$/.test(words) ? words : `${words}.`);

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
    return { inputs, failures: validate(kind.spec, inputs, { admittedRegions, olds, addedKeys: ownerMark(inputs) === undefined ? 0 : MARK_TAGS.length }) };
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
        // A name the user fixed cannot exist twice: the old resource must go first. Said also when the
        // diff itself replaces nothing, for replacements the program forces (`replaceOnChanges`,
        // `--target-replace`): created first, the new resource would find the old one, carrying the
        // same ownership mark, and take it back, and the engine would then delete it.
        deleteBeforeReplace: news.__autonamed !== true,
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
    return { client, subscriptionId, rg: String(inputs.resourceGroupName), names: namesOf(kind, inputs), intervalSeconds: settings.progressIntervalSeconds ?? 10 };
}

/** The outputs: the resource as Azure has it, beside what the program said of things Azure does not hold. */
function outputsOf(kind: KindAdapter, inputs: Inputs, model: Model, subscriptionId: string): Record<string, unknown> {
    // The host adds `__provider` to the outputs itself.
    const { __provider: _host, ...described } = asAzureHas(kind.spec, inputs, model);
    // The claim Azure holds: which create made the resource, or last took it back (ownership.ts).
    const claim = tagOf(model, CLAIM_TAG);
    const outputs = addOutputsFromModel(kind.spec, model, { ...described, ...(claim !== undefined ? { [CLAIM_OUTPUT]: claim } : {}), subscriptionId });
    // Plain JSON: the host sends outputs as a protobuf Struct, which refuses `undefined`.
    return JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>;
}

/** How long a write keeps meeting ParentResourceNotFound before it is taken as final. */
const PARENT_LAG_MS = 60_000;

/** How many times a write may go unanswered (and be found not applied) before the up gives up. */
const LOST_ANSWERS = 3;

/** The resource as Azure has it now: null when it does not exist, undefined when Azure did not answer. */
async function current(kind: KindAdapter, ctx: Context, inputs: Inputs): Promise<Model | null | undefined> {
    try {
        return await kind.get(ctx.client, ctx.rg, ctx.names);
    } catch (e) {
        if (statusOf(e) === 404) return null;
        if (transient(e)) return undefined;
        throw azureError("read", kind, inputs, e);
    }
}

/**
 * Whether Azure holds what a request body carried for the inputs (the write was applied), though
 * perhaps still working on it: only the body's members are judged, so a change outside the body
 * (someone's edit, a sharing action still to come) does not hide an applied write.
 */
function holds(kind: KindAdapter, model: Model, inputs: Inputs, body: Model): boolean {
    if (model.provisioningState === "Failed") return false;
    const waiting = diff(kind.spec, asAzureHas(kind.spec, inputs, model), inputs).filter((c) => {
        const member = requestMember(kind.spec, c.path);
        return member !== undefined && member in body;
    });
    return waiting.length === 0 && holdsMark(model, body);
}

/** A write: a PUT of the whole resource or a PATCH of some fields, and its body. */
interface Write {
    method: "put" | "patch";
    body: Model;
}

/** Sends a write and waits for it, within the resource's timeouts. */
async function settle(kind: KindAdapter, ctx: Context, inputs: Inputs, write: Write, op: "create" | "update"): Promise<Model> {
    const limit = timeoutOf(inputs, op);
    const deadline = Date.now() + limit.ms;
    const parentGrace = Date.now() + Math.min(PARENT_LAG_MS, limit.ms);
    const followIt = () => bounded(kind, ctx, inputs, op, deadline, (signal) => follow(kind, ctx, inputs, signal));
    const send = (signal: AbortSignal) => (write.method === "put" ? kind.put : kind.patch)(ctx.client, ctx.rg, ctx.names, write.body, signal);
    let lost = 0;
    let poller: PollerLike<OperationState<Model>, Model> | undefined;
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
                    if (answered !== undefined && !transient(answered)) throw azureError(op, kind, inputs, answered);
                    throw await recorded(kind, ctx, inputs, new Error(`${describe(kind, inputs)}: stopped sending the ${op} after ${limit.text} (timeouts.${op}): Azure had not taken it by then. Run again later, or raise timeouts.${op}.`));
                }
                const running = await busy(kind, ctx, inputs, e, deadline, write.body);
                // Azure is already doing what this write asks (its first attempt was applied and only the
                // answer was lost): follow that operation rather than send the write a second time.
                if (running === "ours") return await followIt();
                if (running === "other") continue;
                // No answer: read what Azure has before anything is sent again, so that a write Azure
                // applied is followed and only one it never received is repeated (issue 9: never twice).
                if (unanswered(e) && ++lost <= LOST_ANSWERS && Date.now() < deadline) {
                    const now = await current(kind, ctx, inputs);
                    if (now && holds(kind, now, inputs, write.body)) {
                        await report(urnOf(inputs), `Azure did not answer the ${op}, but has it; following it`);
                        return await followIt();
                    }
                    if (now !== undefined) {
                        await report(urnOf(inputs), `Azure did not answer the ${op} and does not have it; sending it again`);
                        continue;
                    }
                }
                // ARM may not know a parent it created a moment ago yet (issue 9: ParentResourceNotFound
                // right after the parent's create): a short, bounded wait, then the same write again.
                answered = e;
                if (statusOf(e) === 404 && codeOf(e) === "ParentResourceNotFound" && Date.now() < parentGrace) {
                    await report(urnOf(inputs), `Azure does not know the parent yet; trying again (attempt ${attempt + 1})`);
                    await pause(Math.min(500 * 2 ** attempt, 10_000, Math.max(0, parentGrace - Date.now())));
                    continue;
                }
                throw azureError(op, kind, inputs, e);
            }
        }
    } finally {
        clearTimeout(timer);
    }
    const accepted = poller;
    return bounded(kind, ctx, inputs, op, deadline, async (signal) => {
        try {
            return await (kind.wait
                ? kind.wait({ client: ctx.client, rg: ctx.rg, names: ctx.names, inputs, poller: accepted, signal, urn: urnOf(inputs), intervalSeconds: ctx.intervalSeconds })
                : accepted.pollUntilDone({ abortSignal: signal }));
        } catch (e) {
            // A poll that failed (throttled, unanswered) says nothing about the operation: read the
            // resource and follow it instead of abandoning the wait.
            if (signal.aborted || !transient(e)) throw e;
            await report(urnOf(inputs), `lost track of Azure's operation (${azureWords(e)}); following the resource instead`);
            return follow(kind, ctx, inputs, signal);
        }
    });
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
async function busy(kind: KindAdapter, ctx: Context, inputs: Inputs, e: unknown, deadline: number, body?: Model): Promise<"ours" | "other" | undefined> {
    if (statusOf(e) !== 409 || Date.now() >= deadline) return undefined;
    if (!IN_PROGRESS.codes.includes(codeOf(e) ?? "") && !IN_PROGRESS.words.test(e instanceof Error ? e.message : "")) return undefined;
    const current = await kind.get(ctx.client, ctx.rg, ctx.names).catch(() => undefined);
    const state = String(current?.provisioningState);
    if (!current || ![...RUNNING_STATES, "Deleting"].includes(state)) return undefined;
    if (body && state !== "Deleting" && holds(kind, current, inputs, body)) return "ours";
    await report(urnOf(inputs), `Azure is still running an operation on it (${state}); waiting to send this one`);
    await pause(Math.min(ctx.intervalSeconds * 1000, Math.max(0, deadline - Date.now())));
    return "other";
}

/**
 * Waits for Azure within the resource's `timeouts`. At the limit Azure goes on; the error carries the
 * resource as it is (the engine records it), says how far Azure got, and the next up waits again
 * without sending anything (see `unsettled`).
 */
async function bounded<T>(
    kind: KindAdapter,
    ctx: Context,
    inputs: Inputs,
    op: Operation,
    deadline: number,
    wait: (signal: AbortSignal) => Promise<T>,
    failed: (e: unknown) => Error = (e) => notCompleted(op, kind, inputs, e),
): Promise<T> {
    const limit = timeoutOf(inputs, op);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - Date.now()));
    try {
        return await wait(abort.signal);
    } catch (e) {
        if (!abort.signal.aborted) throw await recorded(kind, ctx, inputs, failed(e));
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
    const mark = ownerMark(inputs); // with a new claim: this create's
    let existing: Model | undefined;
    try {
        existing = await kind.get(ctx.client, ctx.rg, ctx.names);
    } catch (e) {
        if (statusOf(e) !== 404) throw azureError("read", kind, inputs, e);
    }
    if (existing) {
        const owner = tagOf(existing, OWNER_TAG);
        const mine = mark !== undefined && owner === mark.owner;
        if (!mine && inputs.adopt !== true) {
            const whose = owner ? ` It is marked (tag ${OWNER_TAG}) as created by ${owner}.` : "";
            throw new Error(`${describe(kind, inputs)} already exists in Azure and is not managed by this stack.${whose} Choose another name, or set adopt: true to take it over (its create-only properties must match).`);
        }
        // Judged on the first read, before anything waits or is recorded in state.
        refuseFixed(kind, inputs, existing);
        // This stack resource's own create, from a run that was interrupted or lost Azure's answer;
        // or a resource the program adopts. Either way, whatever Azure is still doing on it ends first.
        await report(urnOf(inputs), mine ? "an earlier run of this stack started creating it; taking it back" : "adopting the resource that exists in Azure");
        const deadline = Date.now() + timeoutOf(inputs, "create").ms;
        existing = await bounded(kind, ctx, inputs, "create", deadline, (signal) => quiet(kind, ctx, inputs, signal), (e) =>
            new Error(`${describe(kind, inputs)}: Azure did not finish its own operation on it before it could be taken over: ${azureWords(e)}`),
        );
    }
    if (existing?.provisioningState === "Failed") existing = await settle(kind, ctx, inputs, { method: "put", body: marked(toModel(kind.spec, inputs), mark, true) }, "create");
    if (existing) {
        refuseFixed(kind, inputs, existing);
        const current = asAzureHas(kind.spec, inputs, existing);
        const patch = toPatch(kind.spec, inputs, diff(kind.spec, current, inputs), current);
        // The resource takes this create's mark (sent with the program's tags): the delete of an older
        // claim, the old half of a replacement, then leaves it alone.
        if (mark !== undefined && (tagOf(existing, OWNER_TAG) !== mark.owner || tagOf(existing, CLAIM_TAG) !== mark.claim)) patch.tags ??= inputs.tags ?? {};
        const body = marked(patch, mark, false);
        const patched = Object.keys(body).length > 0 ? await settle(kind, ctx, inputs, { method: "patch", body }, "update") : existing;
        const model = await act(kind, ctx, current, inputs, patched);
        return { id: String(model.id), outs: outputsOf(kind, inputs, model, ctx.subscriptionId) };
    }
    const created = await settle(kind, ctx, inputs, { method: "put", body: marked(toModel(kind.spec, inputs), mark, true) }, "create");
    const model = await act(kind, ctx, fromModel(kind.spec, created), inputs, created);
    return { id: String(model.id), outs: outputsOf(kind, inputs, model, ctx.subscriptionId) };
}

/** A resource found in Azure is taken over only where its create-only properties are the program's. */
function refuseFixed(kind: KindAdapter, inputs: Inputs, model: Model): void {
    const fixed = diff(kind.spec, asAzureHas(kind.spec, inputs, model), inputs).filter((c) => c.onChange === "replace");
    if (fixed.length > 0) {
        throw new Error(`${describe(kind, inputs)} cannot be taken over: these properties differ and cannot change after create: ${fixed.map((c) => c.path).join(", ")}. Change the program back, or delete the resource in Azure.`);
    }
}

/**
 * Reads the resource (with progress) until Azure reports it in none of the `busy` states: the
 * resource as it then is, Failed included, or undefined once it is gone. Every wait that follows
 * Azure's own work without an operation to poll goes through here.
 */
async function watch(kind: KindAdapter, ctx: Context, inputs: Inputs, signal: AbortSignal, busy: readonly string[]): Promise<Model | undefined> {
    for (;;) {
        let model: Model;
        try {
            model = await patiently(() => kind.get(ctx.client, ctx.rg, ctx.names), signal, urnOf(inputs), ctx.intervalSeconds);
        } catch (e) {
            if (statusOf(e) === 404) return undefined;
            throw e;
        }
        const state = String(model.provisioningState);
        if (!busy.includes(state)) return model;
        await report(urnOf(inputs), `waiting for Azure to finish (${kind.progress?.(model) ?? state})`);
        await pause(ctx.intervalSeconds * 1000, signal);
        if (signal.aborted) throw new Error("stopped waiting");
    }
}

/** Waits until Azure runs no operation of its own on the resource (before taking it over). */
const quiet = (kind: KindAdapter, ctx: Context, inputs: Inputs, signal: AbortSignal) => watch(kind, ctx, inputs, signal, [...RUNNING_STATES, "Deleting"]);

/**
 * Reads the resource: on refresh with the names in `props` (its last outputs), on `X.get(name, id)`
 * with the props the program gave, which name nothing, so the ARM id says which resource to read.
 */
export async function read(kind: KindAdapter, id: string, props: Inputs): Promise<{ id?: string; props?: Record<string, unknown> }> {
    const inputs = props.resourceGroupName === undefined ? { ...props, ...addressFromId(kind.spec.kind, kind.address, id) } : props;
    const ctx = context(kind, inputs);
    try {
        const model = await kind.get(ctx.client, ctx.rg, ctx.names);
        return { id: String(model.id ?? id), props: outputsOf(kind, inputs, model, ctx.subscriptionId) };
    } catch (e) {
        // Gone: refresh drops it from state; for a get the engine says "resource '<id>' does not exist".
        if (statusOf(e) === 404) return {};
        throw azureError("read", kind, inputs, e);
    }
}

export async function update(kind: KindAdapter, olds: Inputs, news: Inputs): Promise<{ outs: Record<string, unknown> }> {
    const ctx = context(kind, news);
    const changes = diff(kind.spec, olds, news);
    const pending = unsettled(kind, olds, news);
    const mark = ownerMark(news, olds[CLAIM_OUTPUT]); // the claim stays the create's
    const write: Write = pending?.resend
        ? { method: "put", body: marked(toModel(kind.spec, news, olds), mark, true) }
        : { method: "patch", body: marked(toPatch(kind.spec, news, changes, olds), mark, false) };
    let model: Model;
    if (Object.keys(write.body).length === 0) {
        model = pending ? await finished(kind, ctx, news) : await kind.get(ctx.client, ctx.rg, ctx.names);
    } else {
        // A run killed after Azure accepted this very change could not record it: follow what Azure
        // has rather than send the change a second time.
        const now = await current(kind, ctx, news);
        if (now && holds(kind, now, news, write.body)) {
            model = RUNNING_STATES.includes(String(now.provisioningState)) ? await finished(kind, ctx, news) : now;
        } else {
            model = await settle(kind, ctx, news, write, "update");
        }
    }
    model = await act(kind, ctx, olds, news, model);
    return { outs: outputsOf(kind, news, model, ctx.subscriptionId) };
}

/**
 * Waits for an operation Azure is running on its own (one an earlier up stopped waiting for). A
 * failure at the end is an error, with the resource kept in state.
 */
function finished(kind: KindAdapter, ctx: Context, inputs: Inputs): Promise<Model> {
    return bounded(kind, ctx, inputs, "update", Date.now() + timeoutOf(inputs, "update").ms, (signal) => follow(kind, ctx, inputs, signal));
}

/** Follows Azure's running operation on the resource: the kind's own wait where it has one, else the provisioning state. */
async function follow(kind: KindAdapter, ctx: Context, inputs: Inputs, signal: AbortSignal): Promise<Model> {
    if (kind.wait) return kind.wait({ client: ctx.client, rg: ctx.rg, names: ctx.names, inputs, signal, urn: urnOf(inputs), intervalSeconds: ctx.intervalSeconds });
    const model = await watch(kind, ctx, inputs, signal, RUNNING_STATES);
    if (!model) throw new Error("Azure no longer has it");
    if (model.provisioningState === "Failed") throw new Error("Azure reports it Failed");
    return model;
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
        if (await claimedSince(kind, ctx, props)) return;
        for (let attempt = 0; ; attempt++) {
            try {
                await kind.del(ctx.client, ctx.rg, ctx.names, abort.signal).pollUntilDone({ abortSignal: abort.signal });
                return;
            } catch (e) {
                if (statusOf(e) === 404) return; // already gone
                if (!abort.signal.aborted && unanswered(e)) {
                    // No answer, or a poll that failed: read before sending anything again. Gone is
                    // done; still deleting is followed; otherwise Azure never got it.
                    const now = await current(kind, ctx, props);
                    if (now === null) return;
                    if (now?.provisioningState === "Deleting") {
                        await report(urnOf(props), "Azure did not answer, but is deleting it; waiting");
                        if (await gone(kind, ctx, props, abort.signal)) return;
                    } else if (now !== undefined && attempt < LOST_ANSWERS) {
                        await report(urnOf(props), "Azure did not answer the delete and still has the resource; sending it again");
                        continue;
                    }
                }
                if (abort.signal.aborted) {
                    throw new Error(`${describe(kind, props)}: stopped waiting for the delete after ${limit.text} (timeouts.delete); Azure goes on, and the next run deletes it again if it is still there`);
                }
                if (await busy(kind, ctx, props, e, stopAt)) continue; // after waiting, send the delete again
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

/** How many reads in a row may go unanswered while following Azure's work. */
const UNANSWERED_READS = 3;

/**
 * A read while following Azure's work: one that Azure did not answer (after the SDK's own retries) is
 * tried again after a pause, a few times, before the wait gives up.
 */
export async function patiently<T>(read: () => Promise<T>, signal: AbortSignal | undefined, urn: string | undefined, intervalSeconds: number): Promise<T> {
    for (let miss = 1; ; miss++) {
        try {
            return await read();
        } catch (e) {
            if (!transient(e) || miss >= UNANSWERED_READS || signal?.aborted) throw e;
            await report(urn, `Azure did not answer a read (${azureWords(e)}); reading again`);
            await pause(intervalSeconds * 1000, signal);
        }
    }
}

/**
 * Whether a newer create of the same stack resource has taken the resource back since these outputs
 * were recorded (its claim differs): then this delete, the old half of a replacement that found the
 * resource in place (`pulumi up --replace` on a fixed name creates first), must leave it alone.
 */
async function claimedSince(kind: KindAdapter, ctx: Context, props: Inputs): Promise<boolean> {
    const recordedClaim = props[CLAIM_OUTPUT];
    if (typeof recordedClaim !== "string") return false;
    const now = await current(kind, ctx, props);
    const claim = now ? tagOf(now, CLAIM_TAG) : undefined;
    if (claim === undefined || claim === recordedClaim) return false;
    await report(urnOf(props), `${describe(kind, props)}: left in Azure, not deleted: a newer create of this stack resource has taken it back (tag ${CLAIM_TAG})`, "warning", false);
    return true;
}

/** Waits for a delete Azure is running to finish: true once the resource is gone, false if it stays (or at the time limit). */
function gone(kind: KindAdapter, ctx: Context, props: Inputs, signal: AbortSignal): Promise<boolean> {
    return watch(kind, ctx, props, signal, ["Deleting"]).then(
        (left) => left === undefined,
        () => false,
    );
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
