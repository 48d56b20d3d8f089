// The account pages (one lazily loaded chunk; App.tsx routes each of them).
export { LoginPage } from './LoginPage';
export { RegisterPage } from './RegisterPage';
export { UnsubscribePage } from './UnsubscribePage';
export { NotificationsPage } from './NotificationsPage';
export { StartPage } from './StartPage';
export { PreferencesPage } from './PreferencesPage';
