/**
 * The mark a create leaves on the resource in Azure: a tag naming the stack resource (its URN) that
 * made it, and a tag naming that create (a claim). Azure keeps tags with the resource, so a later run
 * that finds the resource where it meant to create one can tell its own interrupted create (take it
 * back, with a claim of its own) from someone else's resource (refuse, unless `adopt`); and a delete
 * of an older claim (the old half of a replacement that took the resource back) leaves it alone. The
 * mark is not the program's: it is never reported or compared.
 */
import { createHash, randomBytes } from "crypto";
import { markOwnership } from "./config";
import { CLAIM_OUTPUT, CLAIM_TAG, MARK_TAGS, OWNER_TAG } from "./schema/marks";
import { Inputs } from "./schema/types";

export { CLAIM_OUTPUT, CLAIM_TAG, MARK_TAGS, OWNER_TAG };

/** ARM's limit on a tag value ("Use tags to organize your Azure resources"): 256 characters. */
const TAG_VALUE_MAX = 256;

export interface Mark {
    owner: string;
    claim: string;
}

/**
 * The mark of the stack resource these inputs belong to, with the given claim or a new one; none
 * when marking is off or the URN is unknown.
 */
export function ownerMark(inputs: Inputs, claim?: unknown): Mark | undefined {
    const urn = inputs.__urn;
    if (typeof urn !== "string" || !marks(inputs)) return undefined;
    // A URN longer than a tag value can hold is marked by its digest: still exact, no longer readable.
    const owner = urn.length <= TAG_VALUE_MAX ? urn : `sha256:${createHash("sha256").update(urn).digest("hex")}`;
    return { owner, claim: typeof claim === "string" ? claim : randomBytes(8).toString("hex") };
}

/** Whether a create of the stack resource these inputs belong to is marked (marking on, the URN known). */
export function marks(inputs: Inputs): boolean {
    return typeof inputs.__urn === "string" && markOwnership();
}

/** A tag of a resource as Azure reports it (tag names are case-insensitive in ARM). */
export function tagOf(model: Record<string, unknown>, name: string): string | undefined {
    const tags = model.tags;
    if (!tags || typeof tags !== "object") return undefined;
    const hit = Object.entries(tags as Record<string, unknown>).find(([k]) => k.toLowerCase() === name);
    return typeof hit?.[1] === "string" ? hit[1] : undefined;
}

/**
 * A request body with the mark added: always on a PUT (it replaces the tags), on a PATCH only when it
 * sends tags (ARM replaces the whole map, so the mark must travel with them).
 */
export function marked(body: Record<string, unknown>, mark: Mark | undefined, whole: boolean): Record<string, unknown> {
    if (mark === undefined || (!whole && body.tags === undefined)) return body;
    return { ...body, tags: { ...(body.tags as Record<string, string> | undefined), [OWNER_TAG]: mark.owner, [CLAIM_TAG]: mark.claim } };
}

/** Whether Azure holds the mark tags a request body carries (none carried: nothing to hold). */
export function holdsMark(model: Record<string, unknown>, body: Record<string, unknown>): boolean {
    const sent = body.tags as Record<string, unknown> | undefined;
    return MARK_TAGS.every((t) => sent?.[t] === undefined || tagOf(model, t) === sent[t]);
}
