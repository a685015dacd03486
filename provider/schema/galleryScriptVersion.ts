/**
 * Script version (spec: GalleryScriptVersion, GalleryScriptVersionProperties,
 * GalleryScriptVersionPublishingProfile = GalleryArtifactPublishingProfileBase + source, ScriptSource,
 * GalleryScriptParameter; GalleryScriptVersionSafetyProfile): what each field is, and what Azure lets
 * you change after create (MUTABILITY.md §12). The spec does not client-flatten `properties`: the SDK
 * model nests it, and so do the inputs (`properties.publishingProfile.source.scriptLink`).
 */
import { everyKind, expiredSasTokens, galleryName, galleryScriptName, resourceGroupName, versionName, keyedList } from "./common";
import { publishingProfileAt } from "./publishingProfile";
import { FieldSpec, ResourceSpec } from "./types";

const profile = publishingProfileAt("properties.");

const SCRIPT_LINK = "properties.publishingProfile.source.scriptLink";

/**
 * Spec (ScriptSource.scriptLink): "Required. The link of the source script, it must be a readable
 * storage blob with SAS URI or publicly accessible URI or managed identity enabled." MUTABILITY.md §12
 * "?": as for an application version's links (§8, V "Only SASToken within the SASURL can be
 * changed"), the URL without its query is the script, fixed; the SAS token changes in place and is a
 * credential. The official answers return the link without its query (GalleryScriptVersion_Create.json).
 */
const scriptLink: FieldSpec = { path: SCRIPT_LINK, type: "string", required: true, onChange: "replace", updatablePart: "query", secret: "query", reportedWithout: "query" };

/**
 * Spec (GalleryScriptParameter, GenericGalleryParameter): keyed by name (required). MUTABILITY.md §12
 * "?": the parameters describe the script the version holds, which is fixed; as an application
 * version's manage actions (§8, V "A new VmApplication version must be created"), a change replaces
 * the version.
 */
const parameters: FieldSpec = keyedList("properties.publishingProfile.source.parameters", "name", "replace", [
    { path: "name", type: "string", required: true, onChange: "replace" },
    { path: "required", type: "boolean", onChange: "replace" },
    // Spec GalleryScriptParameterType is modelAsString.
    { path: "type", type: "string", enum: ["String", "Int", "Double", "Boolean", "Enum"], extensible: true, onChange: "replace" },
    { path: "defaultValue", type: "string", onChange: "replace" },
    { path: "description", type: "string", onChange: "replace" },
    { path: "minValue", type: "string", onChange: "replace" },
    { path: "maxValue", type: "string", onChange: "replace" },
    { path: "enumValues", type: "stringList", onChange: "replace" },
]);

/**
 * Every member of the publishing profile travels with the script link: the spec requires `source` in
 * GalleryScriptVersionPublishingProfile (with its scriptLink), and the SDK's serializer reads it from
 * every profile it sends, a PATCH's too.
 */
const withSource = (fields: FieldSpec[]): FieldSpec[] => fields.map((f) => (f.path.startsWith("properties.publishingProfile.") && f.path !== SCRIPT_LINK ? { ...f, sentWith: SCRIPT_LINK } : f));

export const galleryScriptVersionSpec: ResourceSpec = {
    kind: "GalleryScriptVersion",
    propertiesAsWritten: true,
    name: { field: "galleryScriptVersionName" },
    fields: withSource([
        resourceGroupName,
        galleryName(true),
        galleryScriptName(true),
        // Spec `pattern: ^[0-9]+\.[0-9]+\.[0-9]+$` (MUTABILITY.md §12), each part an int32 as for the other versions.
        versionName("galleryScriptVersionName"),
        // X (TrackedResource.location); MUTABILITY.md §12 "no".
        ...everyKind,
        // GalleryArtifactPublishingProfileBase and GalleryArtifactSafetyProfileBase, shared (MUTABILITY.md §12 "as GalleryArtifactPublishingProfileBase").
        ...profile.fields,
        scriptLink,
        parameters,
    ]),
    // Read-only in the spec (GalleryScriptVersionProperties, GalleryArtifactPublishingProfileBase).
    outputs: [{ name: "properties.provisioningState", from: "properties.provisioningState" }, ...profile.outputs],
    rules: [...profile.commonRules],
    // A script link's SAS token, like an application package's (ERRORS.md §5).
    cautions: [expiredSasTokens([SCRIPT_LINK])],
    complete: profile.complete,
    unsettled: profile.unsettled,
    refuse: profile.refuse,
};
