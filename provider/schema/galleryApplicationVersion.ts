/**
 * VM application version (spec: GalleryApplicationVersion, GalleryApplicationVersionPublishingProfile
 * = GalleryArtifactPublishingProfileBase + source, manageActions, settings, advancedSettings,
 * enableHealthCheck, customActions; GalleryApplicationVersionSafetyProfile): what each field is, and
 * what Azure lets you change after create (MUTABILITY.md §8, ERRORS.md §5).
 */
import { everyKind, expiredSasTokens, galleryApplicationName, galleryName, resourceGroupName, versionName } from "./common";
import { customActions } from "./galleryApplication";
import { publishingProfile } from "./publishingProfile";
import { CheckFailure, FieldSpec, Inputs, ResourceSpec, described } from "./types";
import { getPath, isRecord, isUnknown } from "./values";

/**
 * "Up to 10 replicas per region" (VM Applications overview, its limits; azurerm validates 1–10). The
 * same page's table says "Integer between 1 and 3 inclusive": MUTABILITY.md §8 explains the
 * disagreement, and this follows the newer limit, as the emulator does.
 */
const MAX_REPLICAS = 10;

/** The shared publishing profile with the application versions' replica limit on the version's and each region's count. */
const profileFields: FieldSpec[] = publishingProfile.fields.map((f) => {
    if (f.path === "publishingProfile.replicaCount") return { ...f, max: MAX_REPLICAS };
    if (f.path === "publishingProfile.targetRegions" && f.items) {
        return { ...f, items: { ...f.items, fields: f.items.fields.map((g) => (g.path === "regionalReplicaCount" ? { ...g, max: MAX_REPLICAS } : g)) } };
    }
    return f;
});

/**
 * A storage link (spec UserArtifactSource: "must be a readable storage page blob"). V "Partially. …
 * Only SASToken within the SASURL can be changed.": the URL without its query is fixed, the SAS token
 * changes in place; azurerm marks both ForceNew, which would replace a version for a renewed token.
 * The token is a credential: never said, and a secret in state.
 */
const link = (path: string, required: boolean): FieldSpec => ({ path, type: "string", required, onChange: "replace", updatablePart: "query", secret: "query" });

/** Spec (UserArtifactManage, UserArtifactSettings): "This is limited to 4096 characters." V: "Updatable: No". */
const fixedText = (path: string): FieldSpec => ({ path, type: "string", onChange: "replace", maxLength: 4096 });

const SOURCE_LINKS = ["publishingProfile.source.mediaLink", "publishingProfile.source.defaultConfigurationLink"];

/** V (ERRORS.md §5): "Gallery application version resources currently don't support encryption." */
const noEncryption = described("no target region or edge zone has `encryption`: Azure does not encrypt application versions", (inputs: Inputs): CheckFailure[] => {
    const out: CheckFailure[] = [];
    for (const list of ["targetRegions", "targetExtendedLocations"]) {
        const items = getPath(inputs, `publishingProfile.${list}`);
        (Array.isArray(items) ? items : []).forEach((r, i) => {
            if (isRecord(r) && r.encryption !== undefined && r.encryption !== null) {
                const at = `publishingProfile.${list}[${i}].encryption`;
                out.push({ property: at, reason: `${at}: Azure does not encrypt application versions ("Gallery application version resources currently don't support encryption"); remove it` });
            }
        });
    }
    return out;
});

/** Spec (UserArtifactManage): install and remove are required once manageActions is given (the object itself is optional). */
function manageActionsComplete(inputs: Inputs): CheckFailure[] {
    const manage = getPath(inputs, "publishingProfile.manageActions");
    if (!isRecord(manage)) return [];
    return ["install", "remove"]
        .filter((k) => manage[k] === undefined || manage[k] === null)
        .map((k) => ({ property: `publishingProfile.manageActions.${k}`, reason: `publishingProfile.manageActions.${k} is required when manageActions is given` }));
}

const MEDIA_LINK = "publishingProfile.source.mediaLink";

/**
 * Every member of the publishing profile travels with the package link: the spec requires `source`
 * in GalleryApplicationVersionPublishingProfile (with its mediaLink), and the SDK's serializer reads
 * it from every profile it sends, a PATCH's too.
 */
const withSource = (fields: FieldSpec[]): FieldSpec[] => fields.map((f) => (f.path.startsWith("publishingProfile.") && f.path !== MEDIA_LINK ? { ...f, sentWith: MEDIA_LINK } : f));

export const galleryApplicationVersionSpec: ResourceSpec = {
    kind: "GalleryApplicationVersion",
    name: { field: "galleryApplicationVersionName" },
    fields: withSource([
        resourceGroupName,
        galleryName(true),
        galleryApplicationName(true),
        versionName("galleryApplicationVersionName"),
        // X (TrackedResource.location); V "Source location … No".
        ...everyKind,
        ...profileFields,
        link(MEDIA_LINK, true),
        link("publishingProfile.source.defaultConfigurationLink", false),
        // V: "It isn't possible to change any of the manage actions on an existing VmApplication. A
        // new VmApplication version must be created."
        fixedText("publishingProfile.manageActions.install"),
        fixedText("publishingProfile.manageActions.remove"),
        fixedText("publishingProfile.manageActions.update"),
        fixedText("publishingProfile.settings.packageFileName"),
        fixedText("publishingProfile.settings.configFileName"),
        // Spec GalleryApplicationScriptRebootBehavior is modelAsString; V "Updatable: No".
        { path: "publishingProfile.settings.scriptBehaviorAfterReboot", type: "string", enum: ["None", "Rerun"], extensible: true, onChange: "replace" },
        // MUTABILITY.md §8 "? (assume yes)". GalleryApplicationVersion_Create.json's 200 answer reports
        // advanced settings its request never sent: Azure may fill them in.
        { path: "publishingProfile.advancedSettings", type: "stringMap", onChange: "update", computed: true },
        // azurerm updates it in place; the official answers echo false when it is not sent.
        { path: "publishingProfile.enableHealthCheck", type: "boolean", onChange: "update", computed: true, default: false },
        customActions("publishingProfile.customActions"),
    ]),
    // Read-only in the spec (GalleryApplicationVersionProperties, GalleryArtifactPublishingProfileBase).
    outputs: [{ name: "provisioningState", from: "provisioningState" }, ...publishingProfile.outputs],
    rules: [
        described("`publishingProfile.manageActions`, when given, has both `install` and `remove`", (inputs): CheckFailure[] => (isUnknown(getPath(inputs, "publishingProfile")) ? [] : manageActionsComplete(inputs))),
        noEncryption,
        ...publishingProfile.commonRules,
    ],
    cautions: [expiredSasTokens(SOURCE_LINKS)],
    complete: publishingProfile.complete,
    unsettled: publishingProfile.unsettled,
    refuse: publishingProfile.refuse,
};
