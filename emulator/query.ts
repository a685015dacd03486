/**
 * The OData options a GET accepts, per the spec's parameters: Galleries_Get `$select`
 * (SelectPermissions: Permissions) and `$expand` (GalleryExpandParams: SharingProfile/Groups);
 * GalleryImageVersions_Get `$expand` (ReplicationStatusTypes: ReplicationStatus, UefiSettings, an
 * enum the spec marks `modelAsString`, i.e. open to values it does not list — the official examples
 * use one more, ValidationProfile). OData lists several values comma-separated; they match
 * case-insensitively, as ARM's query options do.
 */
import { invalidParameter } from "./armError";

export interface RenderOptions {
    /** `$expand=ReplicationStatus`: the version's per-region replication summary. */
    replicationStatus: boolean;
    /**
     * `$expand=UefiSettings`: the version's `securityProfile.uefiSettings`. The spec offers it as an
     * expansion, beside ReplicationStatus, whose summary a plain GET leaves out (Troubleshoot gallery
     * images, "Replication speed": "Use the --expand ReplicationStatus flag"); no public answer shows a
     * plain GET carrying UEFI settings, so a plain GET and a list leave them out like the replication
     * status. The answers to a create or update carry them: official example
     * GalleryImageVersion_Create_WithVHD_UefiSettings.json answers its 200/201/202 with them.
     */
    uefiSettings: boolean;
    /**
     * `$expand=ValidationProfile`: the version's `validationsProfile` (official examples
     * GalleryImageVersion_Get_WithValidationProfile.json and
     * GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus.json; not in the spec's enum).
     */
    validationProfile: boolean;
    /** `$expand=SharingProfile/Groups`: the groups a gallery is shared with. */
    sharingGroups: boolean;
    /**
     * `$select=Permissions`: only the sharing profile, groups included (official example
     * Gallery_Get_WithSelectPermissions.json answers with `properties.sharingProfile` alone).
     */
    permissionsOnly: boolean;
}

export const PLAIN: RenderOptions = { replicationStatus: false, uefiSettings: false, validationProfile: false, sharingGroups: false, permissionsOnly: false };
/** The answer to a create or update (and the body its operation ends with): the resource with its UEFI settings. */
export const WRITTEN: RenderOptions = { ...PLAIN, uefiSettings: true };
/** Everything the spec's own options can show, for the control surface (`service.get`). */
export const EVERYTHING: RenderOptions = { replicationStatus: true, uefiSettings: true, validationProfile: false, sharingGroups: true, permissionsOnly: false };

const ACCEPTED: Record<string, Record<string, string[]>> = {
    gallery: { $select: ["Permissions"], $expand: ["SharingProfile/Groups"] },
    version: { $expand: ["ReplicationStatus", "UefiSettings", "ValidationProfile"] },
    // GalleryApplicationVersions_Get declares the same ReplicationStatusTypes (UefiSettings shows nothing:
    // application versions have no securityProfile).
    applicationVersion: { $expand: ["ReplicationStatus", "UefiSettings"] },
    // GalleryScriptVersions_Get declares no $expand, yet the official GalleryScriptVersion_Get_WithReplicationStatus.json
    // sends $expand=ReplicationStatus and is answered with the status. Profile versions have the same read-only
    // replicationStatus (GalleryResourceProfileVersionPropertiesBase) and no other way to show it.
    scriptVersion: { $expand: ["ReplicationStatus"] },
    profileVersion: { $expand: ["ReplicationStatus"] },
};

/**
 * Parses the GET's options for a kind. A value outside these is refused with 400 InvalidParameter
 * naming the option (no public answer shows the service's code for this; it is the code the service
 * uses for other refused request values). Options the operation does not declare (e.g. `$expand` on a
 * definition) are ignored, as ARM passes unknown query options on.
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
        uefiSettings: chosen.has("UefiSettings"),
        validationProfile: chosen.has("ValidationProfile"),
        sharingGroups: chosen.has("SharingProfile/Groups"),
        permissionsOnly: chosen.has("Permissions"),
    };
}
