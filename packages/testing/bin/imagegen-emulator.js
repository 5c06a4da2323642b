#!/usr/bin/env node
// Committed rather than built, so that package managers can link the bin before the first build.
import "../dist/bin.js";
