/**
 * Create, read, update and delete: what an up, a refresh and a destroy do to one resource in Azure,
 * for any kind (its rules come from its field table, its calls from its adapter).
 */
import { addressFromId } from "../armIds";
import { codeOf, statusOf } from "../azure/client";
import { CLAIM_OUTPUT, CLAIM_TAG, OWNER_TAG, marked, ownerMark, tagOf } from "../ownership";
import { RUNNING_STATES } from "../schema/common";
import { asAzureHas, diff, fromModel, newValueProblems, provisioningStateOf, replacesListsWhole, toModel, toPatch, withFeaturesHeld } from "../schema/engine";
import { timeoutOf } from "../schema/timeouts";
import { Inputs } from "../schema/types";
import { KindAdapter, Model } from "./contract";
import { azureError, azureWords, unanswered } from "./errors";
import { Operation } from "./operation";
import { unsettled } from "./preview";
import { LOST_ANSWERS, Write, current, holds, meetsRunningOperation, sendOnce } from "./sending";
import { pause, untilFinished, untilGone, untilQuiet, withRecordedState, withinTimeout } from "./waiting";

/**
 * Applies what the kind changes through actions, then reads the result: PUT and PATCH answers do not
 * report action fields (a gallery's groups come only with $expand), so the outputs come from a GET.
 */
async function act(op: Operation, current: Inputs, model: Model): Promise<Model> {
    const actions = op.kind.actions;
    if (!actions) return model;
    try {
        await actions.apply(op, current);
        return await op.read();
    } catch (e) {
        throw await withRecordedState(op, azureError(actions.verb, op, e));
    }
}

/**
 * A resource found in Azure is taken over only where its create-only properties are the program's,
 * and where the values it would send are ones Azure takes (a past end-of-life date it already holds
 * is kept; a new one is refused before anything is sent).
 */
function refuseFixed(op: Operation, model: Model): void {
    const spec = op.kind.spec;
    const held = asAzureHas(spec, op.inputs, model);
    const fixed = diff(spec, held, op.inputs).filter((c) => c.onChange === "replace");
    if (fixed.length > 0) {
        throw new Error(`${op.what} cannot be taken over: these properties differ and cannot change after create: ${fixed.map((c) => c.path).join(", ")}. Change the program back and set adopt: true to take it over as it is, or delete the resource in Azure.`);
    }
    const stale = newValueProblems(spec, held, op.inputs);
    if (stale.length > 0) throw new Error(`${op.what} cannot be taken over as the program says: ${stale.map((p) => p.reason).join("; ")}`);
}

export async function create(kind: KindAdapter, inputs: Inputs): Promise<{ id: string; outs: Record<string, unknown> }> {
    const op = new Operation(kind, inputs);
    const spec = kind.spec;
    const mark = ownerMark(inputs); // with a new claim: this create's
    let existing: Model | undefined;
    try {
        existing = await op.read();
    } catch (e) {
        if (statusOf(e) !== 404) throw azureError("read", op, e);
    }
    if (existing) {
        const owner = tagOf(existing, OWNER_TAG);
        const mine = mark !== undefined && owner === mark.owner;
        if (!mine && inputs.adopt !== true) {
            const whose = owner ? ` It is marked (tag ${OWNER_TAG}) as created by ${owner}.` : "";
            throw new Error(`${op.what} already exists in Azure and is not managed by this stack.${whose} Choose another name, or set adopt: true to take it over (its create-only properties must match).`);
        }
        // Judged on the first read, before anything waits or is recorded in state.
        refuseFixed(op, existing);
        // This stack resource's own create, from a run that was interrupted or lost Azure's answer;
        // or a resource the program adopts. Either way, whatever Azure is still doing on it ends first.
        await op.report(mine ? "an earlier run of this stack started creating it; taking it back" : "adopting the resource that exists in Azure");
        const deadline = Date.now() + timeoutOf(inputs, "create").ms;
        existing = await withinTimeout(op, "create", deadline, (signal) => untilQuiet(op, signal), (e) =>
            new Error(`${op.what}: Azure did not finish its own operation on it before it could be taken over: ${azureWords(e)}`),
        );
    } else if (kind.recover) {
        // Nothing under the name, but Azure may keep a deleted one (contract.ts `recover`): brought back, it is taken to the inputs below.
        existing = await kind.recover(op);
    }
    // Sent again whole, which is how Azure retries; what the program leaves to Azure is sent as Azure holds it.
    if (existing && provisioningStateOf(spec, existing) === "Failed") {
        const now = asAzureHas(spec, inputs, existing);
        existing = await sendOnce(op, { method: "put", body: withFeaturesHeld(spec, marked(toModel(spec, inputs, now), mark, true), existing, diff(spec, now, inputs)) }, "create");
    }
    if (existing) {
        refuseFixed(op, existing);
        const now = asAzureHas(spec, inputs, existing);
        const changes = diff(spec, now, inputs);
        const patch = toPatch(spec, inputs, changes, now);
        // The resource takes this create's mark (sent with the program's tags): the delete of an older
        // claim, the old half of a replacement, then leaves it alone.
        if (mark !== undefined && (tagOf(existing, OWNER_TAG) !== mark.owner || tagOf(existing, CLAIM_TAG) !== mark.claim)) patch.tags ??= inputs.tags ?? {};
        const body = withFeaturesHeld(spec, marked(patch, mark, false), existing, changes);
        const patched = Object.keys(body).length > 0 ? await sendOnce(op, { method: "patch", body }, "update") : existing;
        const model = await act(op, now, patched);
        return { id: String(model.id), outs: op.outputs(model) };
    }
    const created = await sendOnce(op, { method: "put", body: marked(toModel(spec, inputs), mark, true) }, "create");
    const model = await act(op, fromModel(spec, created), created);
    return { id: String(model.id), outs: op.outputs(model) };
}

/**
 * Reads the resource: on refresh with the names in `props` (its last outputs), on `X.get(name, id)`
 * with the props the program gave, which name nothing, so the ARM id says which resource to read.
 */
export async function read(kind: KindAdapter, id: string, props: Inputs): Promise<{ id?: string; props?: Record<string, unknown> }> {
    const inputs = props.resourceGroupName === undefined ? { ...props, ...addressFromId(kind.spec.kind, kind.address, id) } : props;
    const op = new Operation(kind, inputs);
    try {
        const model = await op.read();
        return { id: String(model.id ?? id), props: op.outputs(model) };
    } catch (e) {
        // Gone: refresh drops it from state; for a get the engine says "resource '<id>' does not exist".
        if (statusOf(e) === 404) return {};
        throw azureError("read", op, e);
    }
}

export async function update(kind: KindAdapter, olds: Inputs, news: Inputs): Promise<{ outs: Record<string, unknown> }> {
    const op = new Operation(kind, news);
    const spec = kind.spec;
    const changes = diff(spec, olds, news);
    const pending = unsettled(spec, olds, news);
    const mark = ownerMark(news, olds[CLAIM_OUTPUT]); // the claim stays the create's
    /** The request; what the program leaves out of a list's elements is sent as `held` (inputs-shaped) has it. */
    const writeFrom = (held: Inputs): Write =>
        pending?.resend ? { method: "put", body: marked(toModel(spec, news, held), mark, true) } : { method: "patch", body: marked(toPatch(spec, news, changes, held, olds), mark, false) };
    let write = writeFrom(olds);
    let model: Model;
    if (Object.keys(write.body).length === 0) {
        model = pending ? await untilFinished(op) : await op.read();
    } else {
        // A run killed after Azure accepted this very change could not record it: follow what Azure
        // has rather than send the change a second time.
        const now = await current(op);
        // What Azure holds now, not what the last run recorded, is carried: a replica set or a feature
        // added in the portal since then is in Azure's answer alone.
        if (now) write = { ...write, body: withFeaturesHeld(spec, writeFrom(asAzureHas(spec, news, now)).body, now, changes) };
        // A list is replaced whole: without Azure's answer, what it holds there (a replica set, a
        // feature made in the portal) would be lost.
        else if (replacesListsWhole(spec, write.body)) {
            throw new Error(`${op.what}: Azure's read before the change did not return the resource, whose lists the change replaces whole (regions, image features), so nothing was sent. Run again; if it is gone from Azure, a refresh drops it from the stack.`);
        }
        if (now && holds(op, now, write.body)) {
            model = RUNNING_STATES.includes(String(provisioningStateOf(spec, now))) ? await untilFinished(op) : now;
        } else {
            model = await sendOnce(op, write, "update");
        }
    }
    model = await act(op, olds, model);
    return { outs: op.outputs(model) };
}

/** How long a parent delete keeps retrying the service's nested-resource 409 (eventual consistency). */
const NESTED_DELETE_RETRY_MS = 120_000;

/**
 * Whether a newer create of the same stack resource has taken the resource back since these outputs
 * were recorded (its claim differs): then this delete, the old half of a replacement that found the
 * resource in place (`pulumi up --replace` on a fixed name creates first), must leave it alone.
 */
async function claimedSince(op: Operation, now: Model | null | undefined): Promise<boolean> {
    const recordedClaim = op.inputs[CLAIM_OUTPUT];
    if (typeof recordedClaim !== "string") return false;
    const claim = now ? tagOf(now, CLAIM_TAG) : undefined;
    if (claim === undefined || claim === recordedClaim) return false;
    await op.report(`${op.what}: left in Azure, not deleted: a newer create of this stack resource has taken it back (tag ${CLAIM_TAG})`, "warning", false);
    return true;
}

export async function remove(kind: KindAdapter, props: Inputs): Promise<void> {
    const op = new Operation(kind, props);
    const limit = timeoutOf(props, "delete");
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limit.ms);
    const stopAt = Date.now() + limit.ms;
    const deadline = Date.now() + Math.min(NESTED_DELETE_RETRY_MS, limit.ms);
    try {
        const before = await current(op);
        if (await claimedSince(op, before)) return;
        if (before && kind.beforeDelete) {
            const done = await kind.beforeDelete(op, before).catch((e: unknown) => {
                throw azureError("prepare the delete of", op, e);
            });
            if (done) await op.report(`${op.what}: ${done}`, "info", false);
        }
        for (let attempt = 0; ; attempt++) {
            try {
                await kind.del(op.client, op.rg, op.names, { abortSignal: abort.signal, ...op.polling }).pollUntilDone({ abortSignal: abort.signal });
                return;
            } catch (e) {
                if (statusOf(e) === 404) return; // already gone
                if (!abort.signal.aborted && unanswered(e)) {
                    // No answer, or a poll that failed: read before sending anything again. Gone is
                    // done; still deleting is followed; otherwise Azure never got it.
                    const now = await current(op);
                    if (now === null) return;
                    if (now && provisioningStateOf(op.kind.spec, now) === "Deleting") {
                        await op.report("Azure did not answer, but is deleting it; waiting");
                        if (await untilGone(op, abort.signal)) return;
                    } else if (now !== undefined && attempt < LOST_ANSWERS) {
                        await op.report("Azure did not answer the delete and still has the resource; sending it again");
                        continue;
                    }
                }
                if (abort.signal.aborted) {
                    throw new Error(`${op.what}: stopped waiting for the delete after ${limit.text} (timeouts.delete); Azure goes on, and the next run deletes it again if it is still there`);
                }
                if (await meetsRunningOperation(op, e, stopAt)) continue; // after waiting, send the delete again
                // Right after its last child is deleted, Azure still refuses the parent for a while.
                if (statusOf(e) === 409 && codeOf(e) === "CannotDeleteResource" && Date.now() < deadline) {
                    await op.report(`waiting for Azure to register that nested resources are gone (attempt ${attempt + 1})`);
                    await pause(Math.min(200 * 2 ** attempt, 10_000), abort.signal);
                    continue;
                }
                throw azureError("delete", op, e);
            }
        }
    } finally {
        clearTimeout(timer);
    }
}
