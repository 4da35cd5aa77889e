import { createRouter, createWebHashHistory } from 'vue-router';
import { useStatusStore } from './stores/status.js';
import HomeView from './views/HomeView.vue';

// Hash history: pages are served from app:// in Electron and from the headless server alike.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/subscribers', name: 'subscribers', component: () => import('./views/SubscribersView.vue') },
    { path: '/failures', name: 'failures', component: () => import('./views/FailuresView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/setup', name: 'setup', component: () => import('./views/setup/SetupView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

// Until setup is complete there is nothing else to show, so every screen leads to the wizard.
router.beforeEach(async (to) => {
  const store = useStatusStore();
  await store.start();
  if (store.status && !store.status.setupComplete && to.name !== 'setup') return { name: 'setup' };
  return true;
});
