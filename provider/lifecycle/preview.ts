/**
 * Check and diff: what preview decides from the inputs and the last recorded state alone. Nothing
 * here can reach Azure (a test holds this module's imports to that), so a preview sends no request.
 */
import { report } from "../azure/progress";
import { additionalRegions } from "../config";
import { marks } from "../ownership";
import { RUNNING_STATES, randomSuffix } from "../schema/common";
import { applyRemovals, cautions, complete, diff, newValueProblems, provisioningStateOf, refusal, regionsIn, validate } from "../schema/engine";
import { MARK_TAGS } from "../schema/marks";
import { CheckFailure, Inputs, ResourceSpec, Unsettled } from "../schema/types";
import type { KindAdapter } from "./contract";
import { describe, urnOf } from "./naming";

type Kind = Pick<KindAdapter, "spec" | "address">;

export async function check(kind: Kind, olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
    const spec = kind.spec;
    const inputs: Inputs = JSON.parse(JSON.stringify(news)) as Inputs;
    const { field, autoname } = spec.name;
    if (inputs[field] === undefined && autoname) {
        // Keep a generated name across updates; a replacement calls check without olds and gets a new one.
        const logical = urnOf(inputs)?.split("::").pop() ?? spec.kind.toLowerCase();
        inputs[field] = olds.__autonamed === true && typeof olds[field] === "string" ? olds[field] : autoname(logical, randomSuffix());
        inputs.__autonamed = true;
    }
    // Completed first, so that what the completion adds is compared with what the program had before.
    const notices = [...complete(spec, inputs), ...applyRemovals(spec, olds, inputs), ...cautions(spec, inputs, olds)];
    for (const n of notices) await report(urnOf(inputs), n, "warning", false);
    // Regions the stack admits, and those Azure already accepted for this resource, are taken on trust.
    const admittedRegions = [...additionalRegions(), ...regionsIn(spec, olds)];
    const { failures, warnings } = validate(spec, inputs, { admittedRegions, existing: Object.keys(olds).length > 0 || inputs.adopt === true, addedKeys: marks(inputs) ? MARK_TAGS.length : 0 });
    for (const w of warnings) await report(urnOf(inputs), w, "warning", false);
    return { inputs, failures };
}

/**
 * Why Azure's last report of the resource needs an up though the program is unchanged: never a
 * silent "no change" while Azure holds it Failed or is still working on it.
 */
export function unsettled(spec: ResourceSpec, olds: Inputs, news: Inputs): Unsettled | undefined {
    const own = spec.unsettled?.(olds, news); // the kind's own, more precise reason first
    if (own) return own;
    // Azure keeps a resource whose operation failed as Failed; a PUT of the whole resource retries it.
    if (provisioningStateOf(spec, olds) === "Failed") return { reason: "Azure reports it Failed; the update sends it again, which is how Azure retries it", resend: true };
    // A kind with a rule of its own decides when a running operation is worth waiting for.
    if (!spec.unsettled && RUNNING_STATES.includes(String(provisioningStateOf(spec, olds)))) {
        return { reason: `Azure was still working on it (${String(provisioningStateOf(spec, olds))}); the update waits for it to finish`, resend: false };
    }
    return undefined;
}

export async function diffResource(kind: Kind, olds: Inputs, news: Inputs) {
    const changes = diff(kind.spec, olds, news);
    const stale = newValueProblems(kind.spec, olds, news);
    if (stale.length > 0) throw new Error(`${describe(kind, news)}: ${stale.map((p) => p.reason).join("; ")}`);
    const refused = refusal(kind.spec, olds, news, changes);
    if (refused) throw new Error(`${describe(kind, news)}: ${refused}`);
    const replaces = [...new Set(changes.filter((c) => c.onChange === "replace").map((c) => c.path.split(/[.[]/)[0]))];
    const pending = replaces.length === 0 ? unsettled(kind.spec, olds, news) : undefined;
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
