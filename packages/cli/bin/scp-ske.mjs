#!/usr/bin/env node
import { main } from '../dist/scp-ske.mjs';

process.exitCode = await main(process.argv.slice(2));
