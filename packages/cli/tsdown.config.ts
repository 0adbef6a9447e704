export { default } from '../../tsdown.shared.mjs';
