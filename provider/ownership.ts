/**
 * The mark a create leaves on the resource in Azure: a tag naming the stack resource (its URN) that
 * made it. Azure keeps tags with the resource, so a later run that finds the resource where it meant
 * to create one can tell its own interrupted create (take it back) from someone else's resource
 * (refuse, unless `adopt`). The mark is not the program's: it is never reported or compared.
 */
import { createHash } from "crypto";
import { markOwnership } from "./azure/settings";
import { Inputs } from "./schema/types";

export const OWNER_TAG = "managed-by-pulumi";

/** ARM's limit on a tag value ("Use tags to organize your Azure resources"): 256 characters. */
const TAG_VALUE_MAX = 256;

/** The mark of the stack resource these inputs belong to; none when marking is off or the URN is unknown. */
export function ownerMark(inputs: Inputs): string | undefined {
    const urn = inputs.__urn;
    if (typeof urn !== "string" || !markOwnership()) return undefined;
    // A URN longer than a tag value can hold is marked by its digest: still exact, no longer readable.
    return urn.length <= TAG_VALUE_MAX ? urn : `sha256:${createHash("sha256").update(urn).digest("hex")}`;
}

/** The mark a resource carries in Azure, if any (tag names are case-insensitive in ARM). */
export function ownerOf(model: Record<string, unknown>): string | undefined {
    const tags = model.tags;
    if (!tags || typeof tags !== "object") return undefined;
    const hit = Object.entries(tags as Record<string, unknown>).find(([k]) => k.toLowerCase() === OWNER_TAG);
    return typeof hit?.[1] === "string" ? hit[1] : undefined;
}

/**
 * A request body with the mark added: always on a PUT (it replaces the tags), on a PATCH only when it
 * sends tags (ARM replaces the whole map, so the mark must travel with them).
 */
export function marked(body: Record<string, unknown>, mark: string | undefined, whole: boolean): Record<string, unknown> {
    if (mark === undefined || (!whole && body.tags === undefined)) return body;
    return { ...body, tags: { ...(body.tags as Record<string, string> | undefined), [OWNER_TAG]: mark } };
}
