/**
 * The OData options a GET accepts, per the spec's parameters: Galleries_Get `$select`
 * (SelectPermissions: Permissions) and `$expand` (GalleryExpandParams: SharingProfile/Groups);
 * GalleryImageVersions_Get `$expand` (ReplicationStatus, UefiSettings). OData lists several
 * values comma-separated; they match case-insensitively, as ARM's query options do.
 */
import { invalidParameter } from "./armError";

export interface RenderOptions {
    /** `$expand=ReplicationStatus`: the version's per-region replication summary. */
    replicationStatus: boolean;
    /** `$expand=SharingProfile/Groups`: the groups a gallery is shared with. */
    sharingGroups: boolean;
    /**
     * `$select=Permissions`: only the sharing profile, groups included (official example
     * Gallery_Get_WithSelectPermissions.json answers with `properties.sharingProfile` alone).
     */
    permissionsOnly: boolean;
}

export const PLAIN: RenderOptions = { replicationStatus: false, sharingGroups: false, permissionsOnly: false };
/** Everything a GET can show, for the control surface (`service.get`). */
export const EVERYTHING: RenderOptions = { replicationStatus: true, sharingGroups: true, permissionsOnly: false };

const ACCEPTED: Record<string, Record<string, string[]>> = {
    gallery: { $select: ["Permissions"], $expand: ["SharingProfile/Groups"] },
    // UefiSettings is accepted; the emulator always shows a version's UEFI settings, as the create
    // example GalleryImageVersion_Create_WithVHD_UefiSettings.json answers them without $expand.
    version: { $expand: ["ReplicationStatus", "UefiSettings"] },
};

/**
 * Parses the GET's options for a kind. A value outside the spec's enum is refused with 400
 * InvalidParameter naming the option (no public answer shows the service's code for this; it is
 * the code the service uses for other refused request values). Options the operation does not
 * declare (e.g. `$expand` on a definition) are ignored, as ARM passes unknown query options on.
 */
export function parseQueryOptions(kind: string, query: URLSearchParams): RenderOptions {
    const accepted = ACCEPTED[kind] ?? {};
    const chosen = new Set<string>();
    for (const [option, values] of Object.entries(accepted)) {
        const raw = query.get(option);
        if (raw === null) continue;
        for (const v of raw.split(",").map((x) => x.trim()).filter(Boolean)) {
            const match = values.find((a) => a.toLowerCase() === v.toLowerCase());
            if (!match) {
                throw invalidParameter(option, `The value '${v}' of parameter '${option}' is not valid. Allowed values are: ${values.join(", ")}.`);
            }
            chosen.add(match);
        }
    }
    return {
        replicationStatus: chosen.has("ReplicationStatus"),
        sharingGroups: chosen.has("SharingProfile/Groups"),
        permissionsOnly: chosen.has("Permissions"),
    };
}
