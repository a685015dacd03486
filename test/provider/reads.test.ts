/**
 * What a refresh reads. Azure reports some members only on request (spec: GalleryImageVersions_Get
 * `$expand`, ReplicationStatusTypes: ReplicationStatus, UefiSettings); the emulator, like Azure, leaves
 * a version's UEFI settings out of a plain GET. A refresh must ask for what the program set, or it
 * would lose a create-only member and plan the version's replacement.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { armId, emulatorForProvider } from "../support/emulator";
import { galleryInputs, imageInputs, versionInputs } from "./inputs";
import { Resource } from "./resource";

/** The UEFI settings of GalleryImageVersion_Create_WithVHD_UefiSettings.json's request. */
const UEFI = {
    signatureTemplateNames: ["MicrosoftUefiCertificateAuthorityTemplate", "MicrosoftWindowsTemplate"],
    additionalSignatures: { pk: { type: "sha256", value: ["pkValue"] }, kek: [{ type: "x509", value: ["kekValue"] }], db: [{ type: "x509", value: ["dbValue"] }], dbx: [{ type: "x509", value: ["dbxValue"] }] },
};

describe("reads ask Azure for every member the program manages", function () {
    const emulator = emulatorForProvider({ operationMs: 0 });

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: "reads" }));
        await providers.galleryImage.create(imageInputs({ galleryName: "reads", galleryImageName: "secure", identifier: { publisher: "contoso", offer: "reads", sku: "secure" } }));
    });

    it("a refresh keeps a version's UEFI settings ($expand=UefiSettings), so the next preview plans nothing", async () => {
        const version = new Resource("galleryImageVersion");
        const program = versionInputs({ galleryName: "reads", galleryImageName: "secure", securityProfile: { uefiSettings: UEFI } });
        await version.up(program);
        const plain = emulator().requests.length;
        const refreshed = (await providers.galleryImageVersion.read!(String(version.id), version.outputs)).props ?? {};
        const asked = emulator().requests.slice(plain).map((r) => decodeURIComponent(`${r.path}?${r.query}`));
        assert.ok(asked.some((u) => /\$expand=UefiSettings/i.test(u)), asked.join("\n"));
        assert.deepStrictEqual((refreshed.securityProfile as Inputs | undefined)?.uefiSettings, UEFI);
        version.outputs = refreshed;
        await version.settled(program);
    });

    it("UEFI settings compare as Azure means them: template names as a set, key types without case, an empty list as none", async () => {
        const version = new Resource("galleryImageVersion");
        const program = versionInputs({ galleryName: "reads", galleryImageName: "secure", galleryImageVersionName: "1.0.1", securityProfile: { uefiSettings: UEFI } });
        await version.up(program);
        const respelled = {
            signatureTemplateNames: [...UEFI.signatureTemplateNames].reverse(),
            additionalSignatures: { ...UEFI.additionalSignatures, pk: { type: "SHA256", value: ["pkValue"] } },
        };
        await version.settled({ ...program, securityProfile: { uefiSettings: respelled } });
        const changed = await version.preview({ ...program, securityProfile: { uefiSettings: { ...UEFI, signatureTemplateNames: ["MicrosoftWindowsTemplate"] } } });
        assert.deepStrictEqual(changed.diff?.replaces, ["securityProfile"], "a create-only member changed");
    });

    it("a version without UEFI settings is read with one request", async () => {
        const version = new Resource("galleryImageVersion");
        await version.up(versionInputs({ galleryName: "reads", galleryImageName: "secure", galleryImageVersionName: "1.0.2" }));
        const at = emulator().requests.length;
        await providers.galleryImageVersion.read!(String(version.id), version.outputs);
        assert.strictEqual(emulator().requests.length - at, 1);
        assert.ok(emulator().service.get(armId("reads", "secure", "1.0.2")));
    });
});

describe("a create reads the version it made once, with what the program manages", function () {
    // Azure answers the PUT as running: the SDK polls the operation, then reads the version.
    const emulator = emulatorForProvider({ operationMs: 200, replicationMsPerRegion: 50 });

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: "once" }));
        await providers.galleryImage.create(imageInputs({ galleryName: "once", galleryImageName: "secure", identifier: { publisher: "contoso", offer: "once", sku: "secure" } }));
    });

    /** The requests on the version itself (not its operation) since `at`, as method and query. */
    const onVersion = (at: number, version: string) =>
        emulator()
            .requests.slice(at)
            .filter((r) => r.path.toLowerCase().endsWith(`/versions/${version}`))
            .map((r) => `${r.method} ${[...new URLSearchParams(r.query)].filter(([k]) => k !== "api-version").map(([k, v]) => `${k}=${v}`).join("&")}`);

    it("the operation's final read asks for the replication status, and it is the outputs' read", async () => {
        const at = emulator().requests.length;
        const { outs } = await providers.galleryImageVersion.create(versionInputs({ galleryName: "once", galleryImageName: "secure", galleryImageVersionName: "2.0.0" }));
        assert.deepStrictEqual(onVersion(at, "2.0.0"), ["GET $expand=ReplicationStatus", "PUT ", "GET $expand=ReplicationStatus"], "the ownership read, the write, the SDK's final read: nothing after");
        assert.strictEqual((outs.replicationStatus as { aggregatedState?: string } | undefined)?.aggregatedState, "Completed");
    });

    it("UEFI settings the program sets come from one more read, as a refresh reads them", async () => {
        const at = emulator().requests.length;
        const { outs } = await providers.galleryImageVersion.create(versionInputs({ galleryName: "once", galleryImageName: "secure", galleryImageVersionName: "2.0.1", securityProfile: { uefiSettings: UEFI } }));
        assert.deepStrictEqual(onVersion(at, "2.0.1"), ["GET $expand=ReplicationStatus", "PUT ", "GET $expand=ReplicationStatus", "GET $expand=UefiSettings"]);
        assert.deepStrictEqual((outs.securityProfile as Inputs | undefined)?.uefiSettings, UEFI);
        assert.strictEqual((outs.replicationStatus as { aggregatedState?: string } | undefined)?.aggregatedState, "Completed");
    });
});
