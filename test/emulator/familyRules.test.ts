/**
 * The service's rules for applications, inVMAccessControlProfiles and scripts and their versions,
 * each from its source: the spec (required members, enums, path patterns, declared answers), the VM
 * Applications pages (Updatable column, documented errors) and the nested-resource rule of the
 * gallery service (ERRORS.md §1, §5; MUTABILITY.md §7–§13).
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, obj } from "../../emulator/json";
import { arm, armDone, RawResponse } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const MEDIA = "https://account.blob.core.windows.net/apps/package.zip";
const SCRIPT = "https://account.blob.core.windows.net/scripts/run.ps1";

const app = (extra: JsonObject = {}): JsonObject => ({ location: "westus", properties: { supportedOSType: "Linux", ...extra } });
const appVersion = (publishing: JsonObject = {}, extra: JsonObject = {}): JsonObject => ({
    location: "westus",
    properties: {
        publishingProfile: { source: { mediaLink: `${MEDIA}?sv=1&sig=a` }, manageActions: { install: "./install.sh", remove: "./remove.sh" }, ...publishing },
        ...extra,
    },
});
const profile = (): JsonObject => ({ location: "westus", properties: { osType: "Linux", applicableHostEndpoint: "WireServer" } });
const profileVersion = (extra: JsonObject = {}): JsonObject => ({ location: "westus", properties: { mode: "Audit", defaultAccess: "Allow", ...extra } });
const script = (): JsonObject => ({ location: "westus", properties: { supportedOSType: "Windows" } });
const scriptVersion = (publishing: JsonObject = {}): JsonObject => ({ location: "westus", properties: { publishingProfile: { source: { scriptLink: `${SCRIPT}?sig=s` }, ...publishing } } });

const error = (res: RawResponse) => obj(res.body.error);
function refused(res: RawResponse, status: number, code: string, target?: string): void {
    assert.strictEqual(res.status, status, JSON.stringify(res.body));
    assert.strictEqual(error(res).code, code, JSON.stringify(res.body));
    if (target !== undefined) assert.strictEqual(error(res).target, target, JSON.stringify(res.body));
}
const ok = (res: RawResponse) => assert.ok(res.status < 300, `${res.status} ${JSON.stringify(res.body)}`);

describe("applications, inVMAccessControlProfiles and scripts: the service's rules", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0 });
        for (const g of ["fam", "nested", "lists"]) ok(await arm(emulator, "PUT", `${galleries}/${g}`, { location: "westus" }));
        ok(await arm(emulator, "PUT", `${galleries}/fam/applications/tool`, app()));
        ok(await arm(emulator, "PUT", `${galleries}/fam/scripts/setup`, script()));
        ok(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire`, profile()));
    });
    after(async () => emulator.stop());

    describe("names", () => {
        it("application: letters, digits, '-', '.', '_', at most 117, not ending with '.' (VM Applications overview)", async () => {
            ok(await arm(emulator, "PUT", `${galleries}/fam/applications/${"a".repeat(117)}`, app()));
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/${"a".repeat(118)}`, app()), 400, "InvalidParameter", "galleryApplicationName");
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool.`, app()), 400, "InvalidParameter", "galleryApplicationName");
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/to%20ol`, app()), 400, "InvalidParameter", "galleryApplicationName");
        });

        it("application version: Major.Minor.Patch with int32 parts, in the page's words", async () => {
            const res = await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/1.0`, appVersion());
            refused(res, 400, "InvalidParameter", "galleryApplicationVersionName");
            assert.match(String(error(res).message), /^The gallery application version name is invalid\. The application version name should follow Major\(int32\)\. Minor\(int32\)\. Patch\(int32\) format/);
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/2147483648.0.0`, appVersion()), 400, "InvalidParameter");
            ok(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/2147483647.0.0`, appVersion()));
        });

        it("script and script version: the spec's path patterns", async () => {
            refused(await arm(emulator, "PUT", `${galleries}/fam/scripts/my-script`, script()), 400, "InvalidParameter", "galleryScriptName");
            refused(await arm(emulator, "PUT", `${galleries}/fam/scripts/my__script`, script()), 400, "InvalidParameter", "galleryScriptName");
            ok(await arm(emulator, "PUT", `${galleries}/fam/scripts/my_script2`, script()));
            refused(await arm(emulator, "PUT", `${galleries}/fam/scripts/setup/versions/v1`, scriptVersion()), 400, "InvalidParameter", "galleryScriptVersionName");
            ok(await arm(emulator, "PUT", `${galleries}/fam/scripts/setup/versions/3.0.0`, scriptVersion()));
        });

        it("inVMAccessControlProfiles and their versions: no name rule in the spec or the docs", async () => {
            ok(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/Windows-IMDS.1`, profile()));
            ok(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/latest-1`, profileVersion()));
        });
    });

    describe("required members and enums (spec)", () => {
        it("refuses a PUT without a required member, naming it", async () => {
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/noos`, { location: "westus", properties: {} }), 400, "InvalidParameter", "galleryApplication.properties.supportedOSType");
            refused(await arm(emulator, "PUT", `${galleries}/fam/scripts/noos`, { location: "westus" }), 400, "InvalidParameter", "galleryScript.properties.supportedOSType");
            refused(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/noep`, { location: "westus", properties: { osType: "Linux" } }), 400, "InvalidParameter", "galleryInVMAccessControlProfile.properties.applicableHostEndpoint");
            refused(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/2.0.0`, { location: "westus", properties: { mode: "Audit" } }), 400, "InvalidParameter", "galleryInVMAccessControlProfileVersion.properties.defaultAccess");
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/9.0.0`, { location: "westus", properties: { publishingProfile: { source: {} } } }), 400, "InvalidParameter", "galleryApplicationVersion.properties.publishingProfile.source.mediaLink");
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/9.0.1`, appVersion({ manageActions: { install: "i" } })), 400, "InvalidParameter", "galleryApplicationVersion.properties.publishingProfile.manageActions.remove");
            refused(await arm(emulator, "PUT", `${galleries}/fam/scripts/setup/versions/9.0.0`, { location: "westus", properties: {} }), 400, "InvalidParameter", "galleryScriptVersion.properties.publishingProfile");
            refused(
                await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/2.0.1`, profileVersion({ rules: { privileges: [{ name: "GoalState" }] } })),
                400,
                "InvalidParameter",
                "galleryInVMAccessControlProfileVersion.properties.rules.privileges.path",
            );
        });

        it("refuses values outside the spec's enums", async () => {
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/mac`, app({ supportedOSType: "MacOS" })), 400, "InvalidParameter", "galleryApplication.properties.supportedOSType");
            refused(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/p2`, { location: "westus", properties: { osType: "Linux", applicableHostEndpoint: "Metadata" } }), 400, "InvalidParameter");
            refused(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/3.0.0`, profileVersion({ mode: "Strict" })), 400, "InvalidParameter");
            refused(
                await arm(emulator, "PUT", `${galleries}/fam/scripts/setup/versions/4.0.0`, { location: "westus", properties: { publishingProfile: { source: { scriptLink: SCRIPT, parameters: [{ name: "n", type: "Float" }] } } } }),
                400,
                "InvalidParameter",
                "galleryScriptVersion.properties.publishingProfile.source.parameters.type",
            );
            refused(
                await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/4.0.0`, appVersion({ settings: { scriptBehaviorAfterReboot: "Reboot" } })),
                400,
                "InvalidParameter",
                "galleryApplicationVersion.properties.publishingProfile.settings.scriptBehaviorAfterReboot",
            );
        });

        it("binds bodies to the spec's models: an unknown member is refused (application versions have no `restore`)", async () => {
            const res = await arm(emulator, "PATCH", `${galleries}/fam/applications/tool/versions/2147483647.0.0`, { properties: { restore: true } });
            refused(res, 400, "InvalidRequestContent");
            assert.match(String(error(res).message), /Could not find member 'restore' on object of type 'GalleryApplicationVersionProperties'/);
        });

        it("custom action names are unique within the version (spec)", async () => {
            const actions = [{ name: "a", script: "x" }, { name: "A", script: "y" }];
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/5.0.0`, appVersion({ customActions: actions })), 400, "InvalidParameter");
        });
    });

    describe("what can change after create", () => {
        it("application: supportedOSType is fixed (409 PropertyChangeNotAllowed); eula, URIs and description update, unlike an image definition's eula", async () => {
            refused(await arm(emulator, "PATCH", `${galleries}/fam/applications/tool`, { properties: { supportedOSType: "Windows" } }), 409, "PropertyChangeNotAllowed", "galleryApplication.properties.supportedOSType");
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool`, app({ supportedOSType: "Windows" })), 409, "PropertyChangeNotAllowed");
            const res = await arm(emulator, "PATCH", `${galleries}/fam/applications/tool`, { properties: { eula: "new", privacyStatementUri: "https://p", releaseNoteUri: "https://r", description: "d" } });
            ok(res);
            assert.deepStrictEqual([obj(res.body.properties).eula, obj(res.body.properties).description], ["new", "d"]);
        });

        it("application version: manage actions, settings, storage type and the source link's path are fixed; its SAS token, regions and counts are not", async () => {
            const v = `${galleries}/fam/applications/tool/versions/1.0.0`;
            ok(await arm(emulator, "PUT", v, appVersion({ settings: { packageFileName: "app.zip" }, targetRegions: [{ name: "westus" }, { name: "eastus" }] })));
            const fixed: [JsonObject, string][] = [
                [{ manageActions: { install: "./other.sh", remove: "./remove.sh" } }, "manageActions.install"],
                [{ manageActions: { install: "./install.sh", remove: "./remove.sh", update: "./update.sh" } }, "manageActions.update"],
                [{ settings: { packageFileName: "other.zip" } }, "settings.packageFileName"],
                [{ settings: { packageFileName: "app.zip", configFileName: "c.json" } }, "settings.configFileName"],
                [{ storageAccountType: "Premium_LRS" }, "storageAccountType"],
                [{ source: { mediaLink: `${MEDIA}.v2?sv=1&sig=a` } }, "source.mediaLink"],
            ];
            for (const [change, p] of fixed) {
                refused(await arm(emulator, "PATCH", v, { properties: { publishingProfile: change } }), 409, "PropertyChangeNotAllowed", `galleryApplicationVersion.properties.publishingProfile.${p}`);
            }
            const res = await arm(emulator, "PATCH", v, {
                properties: { publishingProfile: { source: { mediaLink: `${MEDIA}?sv=2&sig=b` }, replicaCount: 2, excludeFromLatest: true, targetRegions: [{ name: "westus", regionalReplicaCount: 3 }, { name: "eastus" }] } },
            });
            ok(res);
            const pub = obj(obj(res.body.properties).publishingProfile);
            assert.deepStrictEqual([obj(pub.source).mediaLink, pub.excludeFromLatest, pub.replicaCount], [`${MEDIA}?sv=2&sig=b`, true, 2]);
        });

        it("a PUT that leaves a fixed application-version member out asks to drop it: refused too", async () => {
            const v = `${galleries}/fam/applications/tool/versions/1.0.0`;
            refused(await arm(emulator, "PUT", v, appVersion({ targetRegions: [{ name: "westus" }, { name: "eastus" }] })), 409, "PropertyChangeNotAllowed", "galleryApplicationVersion.properties.publishingProfile.settings.packageFileName");
        });

        it("an existing target region keeps its storage type (spec: TargetRegion.storageAccountType is not updatable)", async () => {
            const v = `${galleries}/fam/scripts/setup/versions/3.0.0`;
            refused(await arm(emulator, "PATCH", v, { properties: { publishingProfile: { targetRegions: [{ name: "westus", storageAccountType: "Premium_LRS" }] } } }), 409, "PropertyChangeNotAllowed", "galleryScriptVersion.properties.publishingProfile.targetRegions.storageAccountType");
            refused(await arm(emulator, "PATCH", v, { properties: { publishingProfile: { replicationMode: "Shallow" } } }), 409, "PropertyChangeNotAllowed", "galleryScriptVersion.properties.publishingProfile.replicationMode");
        });
    });

    describe("application and script versions' target regions", () => {
        it("replica counts 1–10 (\"Up to 10 replicas per region\"), in the documented out-of-range words", async () => {
            const res = await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/6.0.0`, appVersion({ replicaCount: 11 }));
            refused(res, 400, "InvalidParameter", "galleryApplicationVersion.properties.publishingProfile.replicaCount");
            assert.match(String(error(res).message), /^The value 11 of parameter galleryApplicationVersion\.properties\.publishingProfile\.replicaCount is out of range\. The value must be between 1 and 10, inclusive/);
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/6.0.1`, appVersion({ targetRegions: [{ name: "westus", regionalReplicaCount: 0 }] })), 400, "InvalidParameter");
            ok(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/6.0.2`, appVersion({ replicaCount: 10 })));
        });

        it("\"Gallery application version resources currently don't support encryption.\"", async () => {
            const res = await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/7.0.0`, appVersion({ targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/diskEncryptionSets/z" } } }] }));
            refused(res, 400, "InvalidParameter", "galleryApplicationVersion.properties.publishingProfile.targetRegions");
            assert.strictEqual(error(res).message, "Gallery application version resources currently don't support encryption.");
        });

        it("the regions must contain the version's location and may not repeat one", async () => {
            for (const [kind, body] of [
                ["applications/tool", appVersion({ targetRegions: [{ name: "eastus" }] })],
                ["scripts/setup", scriptVersion({ targetRegions: [{ name: "eastus" }] })],
            ] as const) {
                const res = await arm(emulator, "PUT", `${galleries}/fam/${kind}/versions/8.0.0`, body);
                refused(res, 400, "InvalidParameter");
                assert.match(String(error(res).message), /must contain the location of image version 'West US'/);
            }
            const dup = await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/8.0.1`, appVersion({ targetRegions: [{ name: "westus" }, { name: "West US" }] }));
            assert.strictEqual(error(dup).message, "Duplicate regions are not allowed in target publishing regions.");
        });

        it("a replicated region goes only with safetyProfile.allowDeletionOfReplicatedLocations", async () => {
            const v = `${galleries}/fam/applications/tool/versions/8.1.0`;
            ok(await arm(emulator, "PUT", v, appVersion({ targetRegions: [{ name: "westus" }, { name: "eastus2" }] })));
            refused(await arm(emulator, "PATCH", v, { properties: { publishingProfile: { targetRegions: [{ name: "westus" }] } } }), 400, "InvalidParameter");
            ok(await arm(emulator, "PATCH", v, { properties: { publishingProfile: { targetRegions: [{ name: "westus" }] }, safetyProfile: { allowDeletionOfReplicatedLocations: true } } }));
        });

        it("\"Entity name doesn't match the name in the request URL.\" for an application version whose body names another", async () => {
            refused(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/8.2.0`, { ...appVersion(), name: "8.2.1" }), 400, "InvalidParameter");
            ok(await arm(emulator, "PUT", `${galleries}/fam/applications/tool/versions/8.2.0`, { ...appVersion(), name: "8.2.0" }));
        });
    });

    describe("what the service fills in (official answers)", () => {
        it("application: no provisioningState (GalleryApplicationProperties has none); versions: publishing defaults and enableHealthCheck", async () => {
            const a = await arm(emulator, "GET", `${galleries}/fam/applications/tool`);
            assert.strictEqual(obj(a.body.properties).provisioningState, undefined);
            const v = await arm(emulator, "GET", `${galleries}/fam/applications/tool/versions/2147483647.0.0`);
            const props = obj(v.body.properties);
            const pub = obj(props.publishingProfile);
            assert.strictEqual(props.provisioningState, "Succeeded");
            assert.deepStrictEqual(
                [pub.replicaCount, pub.excludeFromLatest, pub.storageAccountType, pub.enableHealthCheck, typeof pub.publishedDate, obj(props.safetyProfile).allowDeletionOfReplicatedLocations],
                [1, false, "Standard_LRS", false, "string", false],
            );
            // No excludeFromLatest of the region's own: the version was created without one (service.ts render).
            assert.deepStrictEqual(pub.targetRegions, [{ name: "West US", regionalReplicaCount: 1, storageAccountType: "Standard_LRS" }]);
            assert.strictEqual(v.body.type, "Microsoft.Compute/galleries/applications/versions");
        });

        it("script versions answer their scriptLink without its SAS query; profile versions list their target locations by display name only", async () => {
            const s = await arm(emulator, "GET", `${galleries}/fam/scripts/setup/versions/3.0.0`);
            assert.strictEqual(obj(obj(obj(s.body.properties).publishingProfile).source).scriptLink, SCRIPT);
            ok(await arm(emulator, "PUT", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/1.0.0`, profileVersion({ targetLocations: [{ name: "westus" }, { name: "southcentralus" }] })));
            const p = await arm(emulator, "GET", `${galleries}/fam/inVMAccessControlProfiles/wire/versions/1.0.0`);
            const props = obj(p.body.properties);
            assert.deepStrictEqual([props.targetLocations, props.excludeFromLatest, props.provisioningState], [[{ name: "West US" }, { name: "South Central US" }], false, "Succeeded"]);
        });
    });

    describe("parents and children", () => {
        it("ParentResourceNotFound for a version under a missing definition or a definition under a missing gallery", async () => {
            const res = await arm(emulator, "PUT", `${galleries}/fam/applications/ghost/versions/1.0.0`, appVersion());
            refused(res, 404, "ParentResourceNotFound");
            assert.match(String(error(res).message), /Parent resource 'fam\/ghost' not found/);
            refused(await arm(emulator, "PUT", `${galleries}/ghost/scripts/s`, script()), 404, "ParentResourceNotFound");
            refused(await arm(emulator, "GET", `${galleries}/fam/inVMAccessControlProfiles/ghost/versions`), 404, "ParentResourceNotFound");
            refused(await arm(emulator, "GET", `${galleries}/fam/scripts/ghost`), 404, "ResourceNotFound");
        });

        it("a gallery holding an application, a script or a profile, and a definition holding versions, cannot be deleted (409 CannotDeleteResource) until they are gone", async () => {
            const g = `${galleries}/nested`;
            const chains: [string, string, JsonObject, JsonObject][] = [
                ["applications/a", "1.0.0", app(), appVersion()],
                ["scripts/s", "1.0.0", script(), scriptVersion()],
                ["inVMAccessControlProfiles/p", "1.0.0", profile(), profileVersion()],
            ];
            for (const [child, version, body, versionBody] of chains) {
                ok(await arm(emulator, "PUT", `${g}/${child}`, body));
                ok(await arm(emulator, "PUT", `${g}/${child}/versions/${version}`, versionBody));
                const gone = await arm(emulator, "DELETE", g);
                refused(gone, 409, "CannotDeleteResource");
                assert.match(String(error(gone).message), new RegExp(`nested resource IDs include: '.*/${child}'`));
                refused(await arm(emulator, "DELETE", `${g}/${child}`), 409, "CannotDeleteResource");
                ok(await arm(emulator, "DELETE", `${g}/${child}/versions/${version}`));
                ok(await arm(emulator, "DELETE", `${g}/${child}`));
            }
            ok(await arm(emulator, "DELETE", g));
        });

        it("each collection lists its own kind only (images beside applications, scripts and profiles)", async () => {
            const g = `${galleries}/lists`;
            ok(await arm(emulator, "PUT", `${g}/images/img`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } }));
            ok(await arm(emulator, "PUT", `${g}/applications/img`, app()));
            ok(await arm(emulator, "PUT", `${g}/scripts/img`, script()));
            ok(await arm(emulator, "PUT", `${g}/inVMAccessControlProfiles/img`, profile()));
            for (const [segment, type] of [
                ["images", "Microsoft.Compute/galleries/images"],
                ["applications", "Microsoft.Compute/galleries/applications"],
                ["scripts", "Microsoft.Compute/galleries/scripts"],
                ["inVMAccessControlProfiles", "Microsoft.Compute/galleries/inVMAccessControlProfiles"],
            ]) {
                const list = await arm(emulator, "GET", `${g}/${segment}`);
                assert.deepStrictEqual((list.body.value as JsonObject[]).map((x) => x.type), [type], segment);
            }
        });

        it("no soft delete for these kinds: the soft-deleted list knows image versions only (spec: SoftDeletedArtifactTypes is Images)", async () => {
            refused(await arm(emulator, "GET", `${galleries}/fam/softdeletedartifacttypes/Applications/artifacts/tool/versions`), 400, "InvalidParameter", "artifactType");
        });
    });
});

describe("applications, inVMAccessControlProfiles and scripts: each operation answers as the spec declares it", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 40 });
        await armDone(emulator, "PUT", `${galleries}/lro`, { location: "westus" });
    });
    after(async () => emulator.stop());

    it("PUT: 201 with Azure-AsyncOperation and Location while it runs, then 200 for an update", async () => {
        for (const [p, body] of [
            ["applications/a", app()],
            ["scripts/s", script()],
            ["inVMAccessControlProfiles/p", profile()],
        ] as const) {
            const created = await armDone(emulator, "PUT", `${galleries}/lro/${p}`, body);
            assert.deepStrictEqual([created.status, created.operation, typeof created.headers["azure-asyncoperation"], typeof created.headers.location], [201, "Succeeded", "string", "string"], p);
            const again = await armDone(emulator, "PUT", `${galleries}/lro/${p}`, body);
            assert.deepStrictEqual([again.status, again.operation], [200, "Succeeded"], p);
        }
    });

    it("PATCH: 200 with the resource for applications and profiles; 202 for scripts (with the script), 202 without a body for script versions", async () => {
        await armDone(emulator, "PUT", `${galleries}/lro/scripts/s/versions/1.0.0`, scriptVersion());
        const cases: [string, JsonObject, number, boolean][] = [
            ["applications/a", { properties: { description: "d" } }, 200, true],
            ["inVMAccessControlProfiles/p", { properties: { description: "d" } }, 200, true],
            ["scripts/s", { properties: { description: "d" } }, 202, true],
            ["scripts/s/versions/1.0.0", { properties: { publishingProfile: { excludeFromLatest: true } } }, 202, false],
        ];
        for (const [p, body, status, hasBody] of cases) {
            const res = await armDone(emulator, "PATCH", `${galleries}/lro/${p}`, body);
            assert.deepStrictEqual([res.status, res.operation, Object.keys(res.body).length > 0, typeof res.headers.location], [status, "Succeeded", hasBody, "string"], p);
        }
    });

    it("DELETE: 202 with both operation headers, the operation then Succeeded and the resource gone", async () => {
        const v = `${galleries}/lro/scripts/s/versions/1.0.0`;
        const res = await armDone(emulator, "DELETE", v);
        assert.deepStrictEqual([res.status, res.operation, typeof res.headers["azure-asyncoperation"], typeof res.headers.location], [202, "Succeeded", "string", "string"]);
        assert.strictEqual((await arm(emulator, "GET", v)).status, 404);
    });

    it("settled at once (operationMs 0): applications delete with 200; profiles and scripts, whose spec declares only 202/204, with 202 and an operation already Succeeded", async () => {
        const sync = await startTestEmulator({ operationMs: 0 });
        try {
            ok(await arm(sync, "PUT", `${galleries}/now`, { location: "westus" }));
            for (const [p, body, status] of [
                ["applications/a", app(), 200],
                ["scripts/s", script(), 202],
                ["inVMAccessControlProfiles/p", profile(), 202],
            ] as const) {
                ok(await arm(sync, "PUT", `${galleries}/now/${p}`, body));
                const res = await arm(sync, "DELETE", `${galleries}/now/${p}`);
                assert.strictEqual(res.status, status, p);
                if (status === 202) assert.strictEqual((await arm(sync, "GET", new URL(res.headers["azure-asyncoperation"]).pathname)).body.status, "Succeeded", p);
                assert.strictEqual((await arm(sync, "GET", `${galleries}/now/${p}`)).status, 404, p);
                assert.strictEqual((await arm(sync, "DELETE", `${galleries}/now/${p}`)).status, 204, `${p}: a delete of what is gone`);
            }
        } finally {
            await sync.stop();
        }
    });
});
