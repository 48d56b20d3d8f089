import { ApiExtension } from '@nestjs/swagger';

/** The OpenAPI extension the document builder reads (and removes) to add problem answers. */
export const PROBLEM_STATUSES_EXTENSION = 'x-problem-statuses';

/**
 * The document builder gives every operation the 4xx problem answers its shape implies (input,
 * sign-in, path parameters, a body). A route that can give another one for a reason of its own
 * names it here, e.g. the sign-in route's 401 INVALID_CREDENTIALS on a public route:
 *
 *   @Post('login') @Public() @ApiProblems(401)
 */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  ApiExtension(PROBLEM_STATUSES_EXTENSION, statuses) as MethodDecorator & ClassDecorator;
