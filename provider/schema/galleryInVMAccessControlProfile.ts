/**
 * inVMAccessControlProfile (spec: GalleryInVMAccessControlProfile,
 * GalleryInVMAccessControlProfileProperties): what each field is, and what Azure lets you change
 * after create (MUTABILITY.md §9). The spec does not client-flatten `properties`: the SDK model nests
 * it, and so do the inputs (`properties.osType`).
 */
import { everyKind, galleryName, inVMAccessControlProfileName, resourceGroupName } from "./common";
import { ResourceSpec } from "./types";

export const galleryInVMAccessControlProfileSpec: ResourceSpec = {
    kind: "GalleryInVMAccessControlProfile",
    propertiesAsWritten: true,
    name: {
        field: "inVMAccessControlProfileName",
        autoname: (logical, random) => `${logical.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 71)}-${random}`,
    },
    fields: [
        resourceGroupName,
        galleryName(true),
        inVMAccessControlProfileName(false),
        // X (TrackedResource.location: x-ms-mutability read, create); MUTABILITY.md §9 "no".
        ...everyKind,
        // S "This property is updatable."; MUTABILITY.md §9 "yes".
        { path: "properties.description", type: "string", onChange: "update" },
        // Spec: required; Common.OperatingSystemTypes is a closed enum. MUTABILITY.md §9 "?": no source;
        // the OS a profile applies to is taken as fixed, as an application definition's is (§7, V), and
        // Azure CLI's update of a profile does not offer it.
        { path: "properties.osType", type: "string", required: true, enum: ["Windows", "Linux"], onChange: "replace" },
        // Spec: required; EndpointTypes is a closed enum (modelAsString false), with no create-only mark.
        // MUTABILITY.md §9 "?"; Azure CLI's `az sig in-vm-access-control-profile update` sets it
        // (--applicable-host-endpoint), where it leaves out --os-type: changed in place, so that no
        // guess of ours deletes the profile and every version under it.
        { path: "properties.applicableHostEndpoint", type: "string", required: true, enum: ["WireServer", "IMDS"], onChange: "update" },
    ],
    // Read-only in the spec (GalleryResourceProfilePropertiesBase.provisioningState).
    outputs: [
        { name: "properties.provisioningState", from: "properties.provisioningState" },
    ],
    rules: [],
};
