import { useState } from 'react';
import { Button, Dropdown } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { NotificationBell } from './NotificationBell';

/** The header's signed-in part: the notification bell and the account menu. */
export default function SignedInActions({ openMenu = false }: { openMenu?: boolean }) {
  const { t } = useTranslation();
  const { me, org, signOut, isStaff } = useAuth();
  const navigate = useNavigate();
  // open at once when the placeholder's click brought this code in
  const [open, setOpen] = useState(openMenu);
  if (!me) return null;
  const enterprise = org('enterprise');
  const provider = org('provider');
  const menu = [
    ...(enterprise ? [{ key: '/enterprise', label: t('nav.enterprisePortal') }] : []),
    ...(provider ? [{ key: '/provider', label: t('nav.providerPortal') }] : []),
    ...(!enterprise && !provider && !isStaff ? [{ key: '/account/start', label: t('nav.startOrganization') }] : []),
    ...(isStaff ? [{ key: '/admin', label: t('nav.adminConsole') }] : []),
    { key: '/account/notifications', label: t('nav.notificationSettings') },
    { type: 'divider' as const },
    { key: 'logout', label: t('nav.logout') },
  ];
  return (
    <>
      <NotificationBell />
      <Dropdown
        trigger={['click']}
        open={open}
        onOpenChange={setOpen}
        menu={{
          items: menu,
          onClick: ({ key }) => {
            setOpen(false);
            if (key === 'logout') void signOut().then(() => navigate('/'));
            else void navigate(key);
          },
        }}
      >
        <Button type="text" className="app-user" icon={<UserOutlined />} title={t('nav.account')}>
          <span className="app-user-name">{me.user.displayName}</span>
        </Button>
      </Dropdown>
    </>
  );
}
