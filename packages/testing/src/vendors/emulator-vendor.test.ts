import "../built-in-vendors.js";
import { afterEach, describe, expect, it } from "vitest";
import { apixoVendor } from "../apixo/apixo-vendor.js";
import { startEmulator } from "../server/loopback-server.js";
import { emulatorVendor, emulatorVendors, loopbackPath, registerEmulatorVendor } from "./emulator-vendor.js";
import { registerVendorAdapter, vendorAdapters } from "./vendor-adapter.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** APIXO under another id and path: a vendor the registry did not know. */
const lookalike = (id: string, baseUrl = "https://api.lookalike.example/v2/") => ({
  ...apixoVendor,
  id,
  baseUrl,
});

describe("the emulated vendor registry", () => {
  it("holds the built-in vendors, registered by their own modules", () => {
    expect(emulatorVendors().map((vendor) => vendor.id)).toEqual(
      expect.arrayContaining(["apixo", "xingchaoyiqing"]),
    );
    expect(loopbackPath("apixo")).toBe("/api/v1");
    expect(loopbackPath("xingchaoyiqing")).toBe("/kyyReactApiServer");
  });

  it("adds a vendor until its registration is undone; its path comes from its base URL", () => {
    const undo = registerEmulatorVendor(lookalike("lookalike"));
    expect(emulatorVendor("lookalike").label).toBe("APIXO");
    expect(loopbackPath("lookalike")).toBe("/v2");
    undo();
    expect(() => emulatorVendor("lookalike")).toThrow('unknown vendor "lookalike"; choose from apixo');
  });

  it("a second registration of an id replaces the first; undoing the first then changes nothing", () => {
    const first = registerEmulatorVendor(lookalike("twice"));
    cleanups.push(registerEmulatorVendor({ ...lookalike("twice"), label: "Second" }));
    first();
    expect(emulatorVendor("twice").label).toBe("Second");
  });

  it.each(["Upper", "with space", "url", "close", ""])("refuses the id %j", (id) => {
    expect(() => registerEmulatorVendor(lookalike(id))).toThrow("cannot be a vendor id");
  });

  it("refuses a base URL that is not absolute", () => {
    expect(() => registerEmulatorVendor(lookalike("relative", "/v2"))).toThrow(
      "baseUrl must be an absolute URL",
    );
  });

  it("is shared by every copy of the package in the process, through globalThis", () => {
    const shared = (globalThis as unknown as Record<symbol, Map<string, unknown>>)[
      Symbol.for("@org/imagegen-testing/emulator-vendors")
    ];
    expect(shared?.get("apixo")).toBe(apixoVendor);
  });
});

describe("the loopback server finds vendors in the registry", () => {
  it("serves a registered vendor by id, under its own path", async () => {
    cleanups.push(registerEmulatorVendor(lookalike("lookalike")));
    const running = await startEmulator({ vendors: ["lookalike"], timeScale: 0 });
    try {
      expect(running.lookalike.baseUrl).toBe(`${running.url}/v2`);
      expect(running.emulators.lookalike).toBe(running.lookalike);
    } finally {
      await running.close();
    }
  });

  it("refuses two vendors under one path before listening", async () => {
    cleanups.push(registerEmulatorVendor(lookalike("same-path", "https://other.example/api/v1")));
    await expect(startEmulator({ vendors: ["apixo", "same-path"] })).rejects.toThrow(
      "same-path and apixo both live under /api/v1: give one a loopbackPath of its own",
    );
  });

  it("refuses an unknown vendor", async () => {
    await expect(startEmulator({ vendors: ["nobody"] })).rejects.toThrow('unknown vendor "nobody"');
  });
});

describe("the adapter registry", () => {
  it("keeps adapter factories by vendor id, until undone", () => {
    const adapter = { id: "lookalike", keyVariable: "LOOKALIKE_API_KEY", create: () => ({}) as never };
    const undo = registerVendorAdapter(adapter);
    expect(vendorAdapters()).toContain(adapter);
    const replaced = { ...adapter, keyVariable: "OTHER" };
    cleanups.push(registerVendorAdapter(replaced));
    undo();
    expect(vendorAdapters().find((entry) => entry.id === "lookalike")).toBe(replaced);
  });
});
