// @innoserve/orders — see README.md
export {};
