// Shared order components (enterprise and provider portals; later the admin console). Role-neutral:
// each file documents its props at the top.
export { OrderStatusTag, orderStatusColor, type OrderStatus } from './OrderStatusTag';
export { OrderTimeline, formatDateTime, type OrderHistoryEntry } from './OrderTimeline';
export { OrderMessages, type OrderSide } from './OrderMessages';
export { SubsidySummary, subsidyOfOrder, type SubsidySummaryProps } from './SubsidySummary';
export { FileButton } from './FileButton';
