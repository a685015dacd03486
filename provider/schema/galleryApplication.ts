/**
 * VM application definition (spec: GalleryApplication, GalleryApplicationProperties): what each field
 * is, and what Azure lets you change after create (MUTABILITY.md §7).
 */
import { everyKind, galleryApplicationName, galleryName, inFuture, resourceGroupName, keyedList } from "./common";
import { FieldSpec, ResourceSpec } from "./types";

/**
 * Custom actions (spec: GalleryApplicationCustomAction, GalleryApplicationCustomActionParameter),
 * keyed by name as the spec's `x-ms-identifiers` key them: "Must be unique within the Gallery
 * Application Version." MUTABILITY.md §7 and §8: "? (assume yes)": no source says they are fixed, so
 * they change in place, added and removed alike. A definition and a version each have their own.
 */
export const customActions = (path: string): FieldSpec =>
    keyedList(path, "name", "update", [
        // Spec: required members name and script.
        { path: "name", type: "string", required: true, onChange: "update" },
        { path: "script", type: "string", required: true, onChange: "update" },
        { path: "description", type: "string", onChange: "update" },
        keyedList("parameters", "name", "update", [
            // Spec: name required; GalleryApplicationCustomActionParameterType is a closed enum (modelAsString false).
            { path: "name", type: "string", required: true, onChange: "update" },
            { path: "required", type: "boolean", onChange: "update" },
            { path: "type", type: "string", enum: ["String", "ConfigurationDataBlob", "LogOutputBlob"], onChange: "update" },
            { path: "defaultValue", type: "string", onChange: "update" },
            { path: "description", type: "string", onChange: "update" },
        ]),
    ]);

export const galleryApplicationSpec: ResourceSpec = {
    kind: "GalleryApplication",
    name: {
        field: "galleryApplicationName",
        autoname: (logical, random) => `${logical.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 109)}-${random}`,
    },
    fields: [
        resourceGroupName,
        galleryName(true),
        galleryApplicationName(false),
        ...everyKind,
        // S "This property is updatable."; V Yes.
        { path: "description", type: "string", onChange: "update" },
        // V Yes; azurerm updates it in place (unlike an image definition's eula).
        { path: "eula", type: "string", onChange: "update" },
        // V Yes. azurerm re-creates the application to clear either link, so Azure is not known to
        // clear one: left out of the program, Azure's value stays (with a warning).
        { path: "privacyStatementUri", type: "string", onChange: "update", computed: true },
        { path: "releaseNoteUri", type: "string", onChange: "update", computed: true },
        // S "This property is updatable."; V "A future end of life date … for reference only and isn't
        // enforced"; azurerm re-creates to clear it, so a removed date stays.
        { path: "endOfLifeDate", type: "date", onChange: "update", computed: true, validate: inFuture, validatesNewValuesOnly: true },
        // Spec: required; Common.OperatingSystemTypes is a closed enum. V "supportedOSType … Updatable: No".
        { path: "supportedOSType", type: "string", required: true, enum: ["Windows", "Linux"], onChange: "replace" },
        customActions("customActions"),
    ],
    // Read-only in the spec: the ARM envelope alone. GalleryApplicationProperties has no provisioningState
    // (MUTABILITY.md §7: "none of the official answers carries one").
    outputs: [],
    rules: [],
};
