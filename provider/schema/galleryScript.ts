/**
 * Script definition (spec: GalleryScript, GalleryScriptProperties): what each field is, and what
 * Azure lets you change after create (MUTABILITY.md §11). The spec does not client-flatten
 * `properties`: the SDK model nests it, and so do the inputs (`properties.description`).
 */
import { everyKind, galleryName, galleryScriptName, inFuture, resourceGroupName } from "./common";
import { ResourceSpec } from "./types";

export const galleryScriptSpec: ResourceSpec = {
    kind: "GalleryScript",
    propertiesAsWritten: true,
    name: {
        field: "galleryScriptName",
        // The spec's pattern: letters and digits with single underscores between them.
        autoname: (logical, random) => `${logical.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 71) || "script"}_${random.replace(/[^A-Za-z0-9]/g, "")}`,
    },
    fields: [
        resourceGroupName,
        galleryName(true),
        galleryScriptName(false),
        // X (TrackedResource.location: x-ms-mutability read, create); MUTABILITY.md §11 "no".
        ...everyKind,
        // S "This property is updatable."; MUTABILITY.md §11 "yes".
        { path: "properties.description", type: "string", onChange: "update" },
        // MUTABILITY.md §11 "? (assume yes)": no source for scripts.
        { path: "properties.eula", type: "string", onChange: "update" },
        // MUTABILITY.md §11 "? (assume yes)". As for applications (§7), Azure is not known to clear
        // either link: left out of the program, Azure's value stays (with a warning).
        { path: "properties.privacyStatementUri", type: "string", onChange: "update", computed: true },
        { path: "properties.releaseNoteUri", type: "string", onChange: "update", computed: true },
        // S "This property is updatable."; as for applications, a removed date stays.
        { path: "properties.endOfLifeDate", type: "date", onChange: "update", computed: true, validate: inFuture, validatesNewValuesOnly: true },
        // Spec: required; Common.OperatingSystemTypes is a closed enum. MUTABILITY.md §11 "?": no
        // source for scripts; the application definition's supportedOSType is "Updatable: No" (§7, V),
        // which this follows.
        { path: "properties.supportedOSType", type: "string", required: true, enum: ["Windows", "Linux"], onChange: "replace" },
    ],
    // Read-only in the spec (GalleryScriptProperties.provisioningState).
    outputs: [
        { name: "properties.provisioningState", from: "properties.provisioningState" },
    ],
    rules: [],
};
