import { useCallback, useState } from 'react';
import { useLocation } from 'react-router';
import { storage } from '../../lib/storage';
import { MOBILE_QUERY, useMediaQuery } from '../../lib/useMediaQuery';

const SIDEBAR_STORAGE_KEY = 'margin.sidebar';

/**
 * Desktop: open by default, remembered in localStorage. Mobile (≤ 768 px): a drawer, closed by
 * default and closed again whenever the route changes.
 */
export function useSidebarState() {
  const mobile = useMediaQuery(MOBILE_QUERY);
  const [desktopOpen, setDesktopOpen] = useState(
    () => storage.get(SIDEBAR_STORAGE_KEY) !== 'closed',
  );
  const [drawerOpen, setDrawerOpen] = useState(false);

  // Close the drawer after navigating (adjusting state during render, as React recommends).
  const location = useLocation();
  const [lastLocation, setLastLocation] = useState(location.key);
  if (lastLocation !== location.key) {
    setLastLocation(location.key);
    if (drawerOpen) setDrawerOpen(false);
  }

  const setOpen = useCallback(
    (open: boolean) => {
      if (mobile) {
        setDrawerOpen(open);
      } else {
        setDesktopOpen(open);
        storage.set(SIDEBAR_STORAGE_KEY, open ? 'open' : 'closed');
      }
    },
    [mobile],
  );

  const open = mobile ? drawerOpen : desktopOpen;
  const toggle = useCallback(() => {
    setOpen(!open);
  }, [open, setOpen]);

  return { mobile, open, setOpen, toggle };
}
