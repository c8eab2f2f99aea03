// The step-up page of the auth service.
export { pageRoutes } from './page-routes.ts';
export { demoEnrolmentRoutes } from './demo-enrolment.ts';
