/** Gallery: what each field is, and what Azure lets you change after create. */
import { galleryName, location, resourceGroupName, subscriptionId, tags } from "./common";
import { ResourceSpec } from "./types";
import { getPath } from "./values";

export const galleryPermissions = ["Private", "Groups", "Community"] as const;

export const gallerySpec: ResourceSpec = {
    kind: "Gallery",
    name: {
        field: "galleryName",
        // Gallery names take no dashes; Pulumi names often have them.
        autoname: (logical, random) => `${logical.replace(/[^A-Za-z0-9_.]/g, "_").replace(/^[^A-Za-z0-9]+/, "").slice(0, 72)}_${random}`,
    },
    fields: [
        resourceGroupName,
        galleryName(false),
        location,
        tags,
        subscriptionId,
        { path: "description", type: "string", onChange: "update" },
        { path: "identity", type: "object", onChange: "update" },
        { path: "softDeletePolicy.isSoftDeleteEnabled", type: "boolean", onChange: "update" },
        // The docs: "the property can't currently be updated"; community sharing is switched on with /share.
        { path: "sharingProfile.permissions", type: "string", enum: galleryPermissions, onChange: "replace", computed: true },
        { path: "sharingProfile.communityGalleryInfo.publisherUri", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.publisherContact", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.eula", type: "string", onChange: "replace" },
        { path: "sharingProfile.communityGalleryInfo.publicNamePrefix", type: "string", onChange: "replace", maxLength: 16 },
    ],
    rules: [
        (inputs) => {
            if (String(getPath(inputs, "sharingProfile.permissions") ?? "").toLowerCase() !== "community") return [];
            return ["publisherUri", "publisherContact", "eula", "publicNamePrefix"]
                .filter((k) => getPath(inputs, `sharingProfile.communityGalleryInfo.${k}`) === undefined)
                .map((k) => ({
                    property: `sharingProfile.communityGalleryInfo.${k}`,
                    reason: `sharingProfile.communityGalleryInfo.${k} is required when sharingProfile.permissions is Community`,
                }));
        },
    ],
};

