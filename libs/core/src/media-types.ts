import { RouteConfig } from '@nestjs/platform-fastify';

/** The route config key that lists the request media types a route accepts besides JSON. */
export const ACCEPTED_MEDIA_TYPES_KEY = 'acceptedMediaTypes';

/**
 * Every route takes JSON bodies only; anything else is 415 UNSUPPORTED_MEDIA_TYPE (the API's
 * global request guard). A route made for another format opts in here, for example a one-click
 * unsubscribe (RFC 8058) that mail clients post as a form:
 *
 *   @Post('unsubscribe') @AcceptsMediaTypes('application/x-www-form-urlencoded')
 *
 * The body then reaches the handler as the parser made it (a form: a flat record of strings).
 */
export const AcceptsMediaTypes = (...mediaTypes: string[]): MethodDecorator =>
  RouteConfig({ [ACCEPTED_MEDIA_TYPES_KEY]: mediaTypes.map((t) => t.toLowerCase()) });
