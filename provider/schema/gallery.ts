/** Gallery: what each field is, and what Azure lets you change after create. */
import { REFERS_TO, everyKind, galleryName, resourceGroupName } from "./common";
import { cloudOf } from "./regions";
import { CheckFailure, Inputs, ResourceSpec, described } from "./types";
import { getPath, isUnknown } from "./values";

const galleryPermissions = ["Private", "Groups", "Community"] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Who a Groups gallery is shared with, and the kinds of group: set through /share Add and Remove. */
export const SHARING_GROUPS = "sharingProfile.groups";
export const sharingGroupTypes = ["Subscriptions", "AADTenants"] as const;
/** Published to the community: set through /share EnableCommunity. */
export const COMMUNITY_ENABLED = "sharingProfile.communityGalleryInfo.communityGalleryEnabled";

const permissionsAre = (inputs: Inputs, p: string) => {
    const v = getPath(inputs, "sharingProfile.permissions");
    return isUnknown(v) || String(v ?? "Private").toLowerCase() === p.toLowerCase();
};

/**
 * share-gallery-direct.md, Limitations: "You can share up to 30 subscriptions and 5 tenants."
 * (azure-compute-gallery.md says the same.)
 */
const SHARING_LIMITS: Record<(typeof sharingGroupTypes)[number], number> = { Subscriptions: 30, AADTenants: 5 };

/**
 * The groups of the types this package knows, with their ids: the rules below hold for subscriptions
 * and tenants only; a group type newer than the package (the spec's enum is open) is Azure's to judge.
 */
function knownGroups(inputs: Inputs): { type: (typeof sharingGroupTypes)[number]; ids: string[]; at: string }[] {
    const groups = getPath(inputs, SHARING_GROUPS);
    if (!Array.isArray(groups)) return [];
    return groups.flatMap((g, i) => {
        const type = sharingGroupTypes.find((t) => t.toLowerCase() === String(getPath(g, "type")).toLowerCase());
        const ids = getPath(g, "ids");
        return type && Array.isArray(ids) ? [{ type, ids: ids.map(String), at: `${SHARING_GROUPS}[${i}].ids` }] : [];
    });
}

/** Subscriptions and tenants are named by their ids, which are GUIDs. */
const groupIds = described("`sharingProfile.groups[].ids` are subscription or tenant ids (GUIDs)", (inputs: Inputs): CheckFailure[] =>
    knownGroups(inputs)
        .filter((g) => !g.ids.every((id) => GUID.test(id)))
        .map((g) => ({ property: g.at, reason: `${g.at} must hold subscription or tenant ids (GUIDs)` })),
);

/** The limit counts distinct subscriptions and tenants (GUIDs, compared without case). */
const sharingLimits = described(`a gallery is shared with at most ${SHARING_LIMITS.Subscriptions} subscriptions and ${SHARING_LIMITS.AADTenants} tenants`, (inputs: Inputs): CheckFailure[] =>
    knownGroups(inputs).flatMap((g): CheckFailure[] => {
        const distinct = new Set(g.ids.map((id) => id.toLowerCase())).size;
        if (distinct <= SHARING_LIMITS[g.type]) return [];
        return [{ property: g.at, reason: `${g.at} holds ${distinct} ${g.type === "Subscriptions" ? "subscriptions" : "tenants"}; Azure shares a gallery with at most ${SHARING_LIMITS.Subscriptions} subscriptions and ${SHARING_LIMITS.AADTenants} tenants` }];
    }),
);

/**
 * share-gallery-direct.md and share-gallery-community.md: "The feature is not available in
 * government clouds." Known from the gallery's region.
 */
const sharingInGovernment = described("a gallery in Azure Government stays `Private`: Azure offers no `Groups` or `Community` sharing there", (inputs: Inputs): CheckFailure[] => {
    const loc = inputs.location;
    const permissions = getPath(inputs, "sharingProfile.permissions");
    if (typeof loc !== "string" || isUnknown(loc) || cloudOf(loc) !== "usgovernment" || typeof permissions !== "string" || isUnknown(permissions)) return [];
    if (permissions.toLowerCase() === "private") return [];
    return [{ property: "sharingProfile.permissions", reason: `sharingProfile.permissions ${permissions} is not available in Azure Government (${loc}): Azure offers no direct or community sharing in government clouds; keep the gallery Private` }];
});

export const gallerySpec: ResourceSpec = {
    kind: "Gallery",
    name: {
        field: "galleryName",
        // Gallery names take no dashes; Pulumi names often have them.
        // A logical name with no letter a-z or digit (日本) gives the random part alone: a name starts with one.
        autoname: (logical, random) => [logical.replace(/[^A-Za-z0-9_.]/g, "_").replace(/^[^A-Za-z0-9]+/, "").slice(0, 72), random].filter(Boolean).join("_"),
    },
    fields: [
        resourceGroupName,
        galleryName(false),
        ...everyKind,
        { path: "description", type: "string", onChange: "update" },
        // Azure adds principalId/tenantId, and principal/client ids per user-assigned identity
        // (spec: GalleryIdentity); only the type and the identities' ids are the program's.
        {
            path: "identity.type",
            type: "string",
            // Spec ResourceIdentityType: a closed enum (modelAsString false).
            enum: ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"],
            onChange: "update",
            computed: true,
            // Spec (GalleryIdentity.type): "The type 'None' will remove all identities from the gallery."
            default: "None",
        },
        { path: "identity.userAssignedIdentities", type: "idMap", refersTo: REFERS_TO.userAssignedIdentity, onChange: "update", computed: true, sentWith: "identity.type" },
        // Soft delete is off unless enabled (Gallery_Create_SoftDeletionEnabled.json turns it on).
        { path: "softDeletePolicy.isSoftDeleteEnabled", type: "boolean", onChange: "update", computed: true, default: false },
        // The docs: "the property can't currently be updated"; community sharing is switched on with /share.
        // Spec GallerySharingPermissionTypes is modelAsString: open to values newer than this package.
        // A gallery created without a sharing profile is shared with no one (Gallery_Create.json's
        // answers carry none): Private is what an answer without one means.
        { path: "sharingProfile.permissions", type: "string", enum: galleryPermissions, extensible: true, onChange: "replace", computed: true, default: "Private" },
        { path: "sharingProfile.communityGalleryInfo.publisherUri", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.publisherContact", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.eula", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.publicNamePrefix", type: "string", onChange: "replace", maxLength: 16 },
        // Who the gallery is shared with: changed through /share (Add / Remove). Left out, the
        // groups are not managed here; an empty list shares with nobody.
        {
            path: SHARING_GROUPS,
            type: "list",
            onChange: "update",
            computed: true,
            action: "share",
            items: {
                key: "type",
                onAdd: "update",
                onRemove: "update",
                fields: [
                    // Spec SharingProfileGroupTypes is modelAsString.
                    { path: "type", type: "string", required: true, enum: sharingGroupTypes, extensible: true, onChange: "update" },
                    {
                        path: "ids",
                        type: "stringList",
                        required: true,
                        onChange: "update",
                        ignoreCase: true,
                    },
                ],
            },
        },
        // Publishing to the community is the /share action EnableCommunity, once the gallery exists.
        { path: COMMUNITY_ENABLED, type: "boolean", onChange: "update", computed: true, action: "share" },
    ],
    // Read-only in the spec (Gallery, GalleryIdentity, CommunityGalleryInfo, SharingStatus).
    outputs: [
        { name: "provisioningState", from: "provisioningState" },
        // Azure's unique name for the gallery ({subscriptionId}-{NAME}), also at the top for short.
        { name: "identifier", from: "identifier" },
        { name: "uniqueName", from: "identifier.uniqueName" },
        { name: "sharingProfile.communityGalleryInfo.publicNames", from: "sharingProfile.communityGalleryInfo.publicNames" },
        { name: "communityPublicNames", from: "sharingProfile.communityGalleryInfo.publicNames" },
        { name: "sharingStatus", from: "sharingStatus" },
        // The managed identity's service principal, to grant it access to the images it reads.
        { name: "identity.principalId", from: "identity.principalId" },
        { name: "identity.tenantId", from: "identity.tenantId" },
        { name: "identityPrincipalId", from: "identity.principalId" },
    ],
    rules: [
        described("with `sharingProfile.permissions` `Community`, the four `sharingProfile.communityGalleryInfo` details (`publisherUri`, `publisherContact`, `eula`, `publicNamePrefix`) are required", (inputs) => {
            if (String(getPath(inputs, "sharingProfile.permissions") ?? "").toLowerCase() !== "community") return [];
            return ["publisherUri", "publisherContact", "eula", "publicNamePrefix"]
                .filter((k) => getPath(inputs, `sharingProfile.communityGalleryInfo.${k}`) === undefined)
                .map((k) => ({
                    property: `sharingProfile.communityGalleryInfo.${k}`,
                    reason: `sharingProfile.communityGalleryInfo.${k} is required when sharingProfile.permissions is Community`,
                }));
        }),
        described("`sharingProfile.groups` needs `sharingProfile.permissions` `Groups`", (inputs) => {
            const groups = getPath(inputs, SHARING_GROUPS);
            return Array.isArray(groups) && groups.length > 0 && !permissionsAre(inputs, "Groups")
                ? [{ property: SHARING_GROUPS, reason: `${SHARING_GROUPS} needs sharingProfile.permissions Groups (Azure shares with groups only from such a gallery)` }]
                : [];
        }),
        described("`sharingProfile.communityGalleryInfo.communityGalleryEnabled` needs `sharingProfile.permissions` `Community`", (inputs) =>
            getPath(inputs, COMMUNITY_ENABLED) === true && !permissionsAre(inputs, "Community")
                ? [{ property: COMMUNITY_ENABLED, reason: `${COMMUNITY_ENABLED} needs sharingProfile.permissions Community` }]
                : [],
        ),
        groupIds,
        sharingLimits,
        sharingInGovernment,
    ],
    refuse: described("`sharingProfile.communityGalleryInfo.communityGalleryEnabled` cannot go from `true` back to `false`: there is no in-place way to withdraw a gallery published to the community", (olds, news, changes) =>
        changes.some((c) => c.path === COMMUNITY_ENABLED) && getPath(olds, COMMUNITY_ENABLED) === true && getPath(news, COMMUNITY_ENABLED) === false
            ? `${COMMUNITY_ENABLED} cannot go back to false in place: this provider has no in-place way to withdraw a gallery published to the community. Keep it true, or delete and re-create the gallery`
            : undefined,
    ),
};

