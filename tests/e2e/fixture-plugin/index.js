/* eslint-disable @typescript-eslint/ban-ts-comment, @typescript-eslint/no-require-imports, @typescript-eslint/no-this-alias */
// @ts-nocheck -- deliberately untyped CommonJS, written the way third-party plugins are.
// A hand-written CommonJS plugin used only by the sandbox host tests. It records what the
// host does to it in `this.events` so tests can assert the lifecycle.
"use strict";
const siyuan = require("siyuan");

class SandboxFixture extends siyuan.Plugin {
  onload() {
    const plugin = this;
    this.events = ["onload"];
    this.unknownModule = require("fs");
    this.frontend = siyuan.getFrontend();
    this.siyuanApi = siyuan; // lets tests call the host API the way a plugin does
    this.addIcons(
      '<symbol id="iconSandboxFixture" viewBox="0 0 32 32"><circle cx="16" cy="16" r="11"/></symbol>',
    );
    this.dockModel = undefined;
    this.addDock({
      config: {
        position: "RightTop",
        size: { width: 280, height: 0 },
        icon: "iconSandboxFixture",
        title: this.i18n.dockTitle,
        hotkey: "⌥⇧⌘F",
      },
      data: { greeting: this.i18n.hello },
      type: "_dock",
      init(model) {
        plugin.events.push("dock:init");
        plugin.dockModel = model;
        plugin.dockInitThisIsModel = this === model;
        this.element.innerHTML = `<div class="fn__flex-1 fn__flex-column">
  <div class="block__icons"><div class="block__logo"><svg class="block__logoicon"><use xlink:href="#iconSandboxFixture"></use></svg>${plugin.i18n.dockTitle}</div>
  <span class="fn__flex-1 fn__space"></span>
  <span data-type="min" class="block__icon ariaLabel" aria-label="Min"><svg><use xlink:href="#iconMin"></use></svg></span></div>
  <div class="sandbox-fixture__dock">${this.data.greeting}</div></div>`;
      },
      destroy() {
        plugin.events.push("dock:destroy");
      },
      update() {
        plugin.events.push("dock:update");
      },
    });
    this.addDock({
      config: {
        position: "RightBottom",
        size: { width: 200, height: 0 },
        icon: "iconCloud",
        title: this.i18n.notesTitle,
      },
      data: {},
      type: "_notes",
      init() {
        plugin.events.push("notes:init");
        this.element.innerHTML = '<div class="sandbox-fixture__notes">notes</div>';
      },
      destroy() {
        plugin.events.push("notes:destroy");
      },
    });
    this.addCommand({
      langKey: "sayHello",
      hotkey: "⇧⌘Y",
      callback: () => {
        plugin.events.push("command:sayHello");
        siyuan.showMessage(plugin.i18n.hello);
      },
    });
    this.addTopBar({
      icon: "iconSandboxFixture",
      title: this.i18n.dockTitle,
      callback: () => plugin.events.push("topbar"),
    });
    this.greetingInput = document.createElement("input");
    this.greetingInput.className = "b3-text-field fn__size200";
    this.greetingInput.value = this.i18n.hello;
    this.setting = new siyuan.Setting({
      confirmCallback: () => plugin.events.push(`setting:save:${plugin.greetingInput.value}`),
    });
    this.setting.addItem({
      title: this.i18n.settingTitle,
      description: "Shown in the dock",
      actionElement: this.greetingInput,
    });
  }

  onLayoutReady() {
    this.events.push("onLayoutReady");
  }

  onunload() {
    this.events.push("onunload");
  }
}

module.exports = SandboxFixture;
