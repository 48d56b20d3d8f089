// @innoserve/payments — see README.md
export {};
