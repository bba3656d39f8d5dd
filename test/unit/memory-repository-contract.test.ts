// The in-memory repository the API tests use, held to the same contract as the DynamoDB one.
import { describeRepositoryContract } from '../contract/repository-contract';
import { createMemoryRepository } from '../support/memory-repo';

describeRepositoryContract('in-memory fake', () => createMemoryRepository());
