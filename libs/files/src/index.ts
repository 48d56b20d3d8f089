// @innoserve/files — see README.md
export {};
